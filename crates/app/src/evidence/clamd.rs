//! ClamAV's `clamd`, asked over its socket (the INSTREAM command) whether a file holds malware.

/// The signature's name when the file holds malware, `None` when it is clean.
pub async fn scan(
    socket: &std::path::Path,
    file: &std::path::Path,
) -> Result<Option<String>, std::io::Error> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut clamd = tokio::net::UnixStream::connect(socket).await?;
    clamd.write_all(b"zINSTREAM\0").await?;
    let mut source = tokio::fs::File::open(file).await?;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = source.read(&mut buffer).await?;
        if n == 0 {
            break;
        }
        let length = u32::try_from(n).map_err(std::io::Error::other)?;
        clamd.write_all(&length.to_be_bytes()).await?;
        clamd.write_all(buffer.get(..n).unwrap_or_default()).await?;
    }
    clamd.write_all(&0u32.to_be_bytes()).await?;
    let mut reply = Vec::new();
    clamd.read_to_end(&mut reply).await?;
    let reply = String::from_utf8_lossy(&reply)
        .trim_end_matches('\0')
        .trim()
        .to_owned();
    match reply.strip_prefix("stream: ") {
        Some("OK") => Ok(None),
        Some(found) if found.ends_with(" FOUND") => {
            Ok(Some(found.trim_end_matches(" FOUND").to_owned()))
        }
        _ => Err(std::io::Error::other(format!("clamd answered {reply:?}"))),
    }
}
