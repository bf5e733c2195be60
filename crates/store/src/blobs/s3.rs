//! Kept files in S3-compatible object storage, through the `object_store` crate: objects named
//! `PREFIX/ab/abcdef…` in one bucket. A spooled file is sent in parts of 8 MB, two at a time, so
//! memory stays bounded whatever the file's size; an object appears only once it is whole.

use std::sync::Arc;

use futures_util::TryStreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt};
use tokio::io::AsyncWriteExt;

use super::{BlobError, BlobReader, BlobStore, Kept, Staged, is_sha256};

/// How to reach the bucket: `s3://bucket/prefix` with its endpoint and credentials. Anything
/// left unset is read from the usual `AWS_*` environment variables.
#[derive(Debug, Clone, Default)]
pub struct S3Settings {
    /// `s3://bucket` or `s3://bucket/prefix`.
    pub url: String,
    /// The service's address, for S3-compatible storage other than Amazon's
    /// (`http://127.0.0.1:9000`); plain HTTP is allowed only when this says so.
    pub endpoint: Option<String>,
    /// The region (`eu-west-2`).
    pub region: Option<String>,
    /// The access key.
    pub access_key_id: Option<String>,
    /// Its secret.
    pub secret_access_key: Option<String>,
}

/// Files in a bucket, by content.
#[derive(Debug, Clone)]
pub struct S3Blobs {
    store: Arc<dyn ObjectStore>,
    prefix: String,
}

const PART_BYTES: usize = 8 * 1024 * 1024;

fn remote(error: object_store::Error) -> BlobError {
    BlobError::Remote(error.to_string())
}

impl S3Blobs {
    /// The bucket the settings name; fails on a URL that is not `s3://bucket[/prefix]`.
    pub fn new(settings: &S3Settings) -> Result<S3Blobs, BlobError> {
        let rest = settings.url.strip_prefix("s3://").ok_or_else(|| {
            BlobError::Remote(format!(
                "evidence_store {:?} is not s3://bucket or s3://bucket/prefix",
                settings.url
            ))
        })?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(BlobError::Remote("evidence_store names no bucket".into()));
        }
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_http_connector(Https);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"))
                .with_virtual_hosted_style_request(false);
        }
        if let Some(region) = &settings.region {
            builder = builder.with_region(region);
        }
        if let Some(key) = &settings.access_key_id {
            builder = builder.with_access_key_id(key);
        }
        if let Some(secret) = &settings.secret_access_key {
            builder = builder.with_secret_access_key(secret);
        }
        Ok(S3Blobs {
            store: Arc::new(builder.build().map_err(remote)?),
            prefix: prefix.trim_matches('/').to_owned(),
        })
    }

    fn location(&self, sha256: &str) -> Result<ObjectPath, BlobError> {
        let prefix = sha256
            .get(..2)
            .filter(|_| is_sha256(sha256))
            .ok_or_else(|| BlobError::Missing(sha256.to_owned()))?;
        let name = if self.prefix.is_empty() {
            format!("{prefix}/{sha256}")
        } else {
            format!("{}/{prefix}/{sha256}", self.prefix)
        };
        Ok(ObjectPath::from(name))
    }
}

/// The object store's HTTP client: hyper with rustls (ring, Mozilla's roots built in, nothing
/// read or fetched at run time), as Peel's other outbound HTTPS.
#[derive(Debug)]
struct Https;

type Client = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    object_store::client::HttpRequestBody,
>;

#[derive(Debug)]
struct HttpsService(Client);

/// How long one request may wait for its answer's headers.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

impl object_store::client::HttpConnector for Https {
    fn connect(
        &self,
        _options: &object_store::ClientOptions,
    ) -> object_store::Result<object_store::client::HttpClient> {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| object_store::Error::Generic {
                store: "S3",
                source: Box::new(e),
            })?
            .https_or_http()
            .enable_http1()
            .build();
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build(https);
        Ok(object_store::client::HttpClient::new(HttpsService(client)))
    }
}

#[async_trait::async_trait]
impl object_store::client::HttpService for HttpsService {
    async fn call(
        &self,
        request: object_store::client::HttpRequest,
    ) -> Result<object_store::client::HttpResponse, object_store::client::HttpError> {
        use http_body_util::BodyExt;
        use object_store::client::{HttpError, HttpErrorKind, HttpResponseBody};
        let answer = tokio::time::timeout(REQUEST_TIMEOUT, self.0.request(request))
            .await
            .map_err(|e| HttpError::new(HttpErrorKind::Timeout, e))?
            .map_err(|e| {
                let kind = if e.is_connect() {
                    HttpErrorKind::Connect
                } else {
                    HttpErrorKind::Request
                };
                HttpError::new(kind, e)
            })?;
        let (parts, body) = answer.into_parts();
        let body = http_body_util::BodyExt::boxed(
            body.map_err(|e| HttpError::new(HttpErrorKind::Decode, e)),
        );
        Ok(object_store::client::HttpResponse::from_parts(
            parts,
            HttpResponseBody::new(body),
        ))
    }
}

#[async_trait::async_trait]
impl BlobStore for S3Blobs {
    async fn keep(&self, staged: Staged) -> Result<Kept, BlobError> {
        let location = self.location(&staged.sha256)?;
        let duplicate = self.contains(&staged.sha256).await?;
        if !duplicate {
            let mut file = tokio::fs::File::open(&staged.path).await?;
            let mut writer = object_store::buffered::BufWriter::with_capacity(
                Arc::clone(&self.store),
                location,
                PART_BYTES,
            )
            .with_max_concurrency(2);
            if let Err(error) = tokio::io::copy(&mut file, &mut writer).await {
                let _ = writer.abort().await;
                return Err(error.into());
            }
            writer.shutdown().await?;
        }
        tokio::fs::remove_file(&staged.path).await?;
        Ok(Kept {
            sha256: staged.sha256,
            size: staged.size,
            duplicate,
        })
    }

    async fn contains(&self, sha256: &str) -> Result<bool, BlobError> {
        let Ok(location) = self.location(sha256) else {
            return Ok(false);
        };
        match self.store.head(&location).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(remote(error)),
        }
    }

    async fn open(&self, sha256: &str) -> Result<BlobReader, BlobError> {
        let location = self.location(sha256)?;
        let got = match self.store.get(&location).await {
            Ok(got) => got,
            Err(object_store::Error::NotFound { .. }) => {
                return Err(BlobError::Missing(sha256.to_owned()));
            }
            Err(error) => return Err(remote(error)),
        };
        let stream = got.into_stream().map_err(std::io::Error::other);
        Ok(Box::pin(tokio_util::io::StreamReader::new(stream)))
    }

    async fn remove(&self, sha256: &str) -> Result<(), BlobError> {
        let location = self.location(sha256)?;
        match self.store.delete(&location).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(remote(error)),
        }
    }
}
