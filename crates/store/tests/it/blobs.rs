//! The blob store's contract: every backend keeps a file once by its hash, reads it back byte
//! for byte, says when it holds none, and removes it. Run on local disk always, and on
//! S3-compatible storage against moto's server (required under `CI=true`).

use peel_store::blobs::{BlobError, BlobStore, LocalBlobs, S3Blobs, Spool};
use peel_store::testing::s3::S3Server;
use tokio::io::AsyncReadExt;

async fn read_all(store: &dyn BlobStore, sha256: &str) -> Vec<u8> {
    let mut out = Vec::new();
    store
        .open(sha256)
        .await
        .unwrap()
        .read_to_end(&mut out)
        .await
        .unwrap();
    out
}

async fn contract(store: &dyn BlobStore, spool: &Spool) {
    // A file larger than one S3 part (8 MB), so the multipart path is the one tested.
    let big: Vec<u8> = (0..9 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let staged = spool.take(&big[..], u64::MAX).await.unwrap();
    let sha = staged.sha256().to_owned();
    assert!(!store.contains(&sha).await.unwrap());
    let kept = store.keep(staged).await.unwrap();
    assert_eq!((kept.size, kept.duplicate), (big.len() as u64, false));
    assert!(store.contains(&sha).await.unwrap());
    assert!(
        read_all(store, &sha).await == big,
        "read back byte for byte"
    );
    assert_eq!(store.head(&sha, 5).await.unwrap(), big[..5]);

    // The same content again is held once.
    let again = spool.take(&big[..], u64::MAX).await.unwrap();
    assert!(store.keep(again).await.unwrap().duplicate);

    // A small file is kept too (a single put, not a multipart upload).
    let small = spool.take(&b"abc"[..], 10).await.unwrap();
    let small = store.keep(small).await.unwrap();
    assert_eq!(read_all(store, &small.sha256).await, b"abc");

    // The spool holds nothing once files are kept.
    let mut left = tokio::fs::read_dir(spool.dir()).await.unwrap();
    assert!(left.next_entry().await.unwrap().is_none());

    // What is not held is said to be missing, never an empty file; names that are not hashes
    // are refused.
    let absent = "0".repeat(64);
    assert!(!store.contains(&absent).await.unwrap());
    assert!(matches!(
        store.open(&absent).await,
        Err(BlobError::Missing(_))
    ));
    assert!(matches!(
        store.open("../../etc/passwd").await,
        Err(BlobError::Missing(_))
    ));

    store.remove(&sha).await.unwrap();
    assert!(!store.contains(&sha).await.unwrap());
    store.remove(&sha).await.unwrap();
}

#[tokio::test]
async fn local_disk_keeps_the_blob_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = LocalBlobs::new(dir.path().join("evidence"));
    contract(&store, &Spool::new(dir.path().join("evidence/incoming"))).await;
}

#[tokio::test]
async fn s3_keeps_the_blob_contract() {
    let Some(server) = S3Server::start().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = S3Blobs::new(&server.settings).unwrap();
    contract(&store, &Spool::new(dir.path().join("incoming"))).await;
}

#[test]
fn an_evidence_store_that_is_not_an_s3_url_is_refused() {
    let settings = peel_store::blobs::s3::S3Settings {
        url: "https://bucket".into(),
        ..Default::default()
    };
    assert!(S3Blobs::new(&settings).is_err());
}
