//! `Retry-After`: an API server that sheds load (API Priority and Fairness, `--max-requests-inflight`,
//! a graceful shutdown) answers 429 or 503 with how long to wait, in a header. kube's error type
//! keeps only the body, so this layer, on the client's tower stack, reads the header and hands the
//! answer on as [`Throttled`]; `kube_error` makes it a transient error that carries the wait, and
//! `wait::retry` waits that long before the next try, as client-go does.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use kube::client::{Body, DynBody};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The most of an error body read (the API server's Status or a line of text).
const BODY_LIMIT: usize = 64 * 1024;

/// A 429/503 answer that said when to try again.
#[derive(Debug, thiserror::Error)]
#[error("the API server answered {code}: {message} (it asks to retry after {}s)", .retry_after.as_secs())]
pub struct Throttled {
    pub code: u16,
    /// The Status' message, or the body's text (APF answers in plain text).
    pub message: String,
    pub retry_after: Duration,
}

/// The header's value as a wait: delta-seconds, as Kubernetes sends it. An HTTP-date (RFC 9110
/// allows one; the API server never sends it) is not read, and the caller's backoff applies.
pub fn parse_retry_after(v: &str) -> Option<Duration> {
    v.trim().parse::<u32>().ok().map(|s| Duration::from_secs(s.into()))
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RetryAfterLayer;

impl<S> tower::Layer<S> for RetryAfterLayer {
    type Service = RetryAfter<S>;
    fn layer(&self, inner: S) -> RetryAfter<S> {
        RetryAfter { inner }
    }
}

#[derive(Debug, Clone)]
pub struct RetryAfter<S> {
    inner: S,
}

type Answer = Response<Box<DynBody>>;

impl<S> tower::Service<Request<Body>> for RetryAfter<S>
where
    S: tower::Service<Request<Body>, Response = Answer, Error = BoxError>,
    S::Future: Send + 'static,
{
    type Response = Answer;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Answer, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let answer = self.inner.call(req);
        Box::pin(async move {
            let res = answer.await?;
            let status = res.status();
            if status != StatusCode::TOO_MANY_REQUESTS && status != StatusCode::SERVICE_UNAVAILABLE {
                return Ok(res);
            }
            let wait =
                res.headers().get(http::header::RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(parse_retry_after);
            let Some(retry_after) = wait else { return Ok(res) };
            let body = read_some(res.into_body()).await?;
            Err(Box::new(Throttled { code: status.as_u16(), message: message_of(&body), retry_after }) as BoxError)
        })
    }
}

/// The body's first [`BODY_LIMIT`] bytes (the rest is left unread).
async fn read_some(mut body: Box<DynBody>) -> Result<Vec<u8>, BoxError> {
    let mut out = Vec::new();
    while out.len() < BODY_LIMIT {
        match body.frame().await {
            None => break,
            Some(frame) => {
                if let Ok(data) = frame?.into_data() {
                    out.extend_from_slice(&data);
                }
            }
        }
    }
    out.truncate(BODY_LIMIT);
    Ok(out)
}

/// The Status' message if the body is one, else its text (trimmed, at most 200 characters).
fn message_of(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    match serde_json::from_str::<kube::core::ErrorResponse>(&text) {
        Ok(s) => s.message,
        Err(_) => text.trim().chars().take(200).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_seconds_are_read_and_dates_are_left_to_the_backoff() {
        assert_eq!(parse_retry_after("1"), Some(Duration::from_secs(1)));
        assert_eq!(parse_retry_after(" 32 "), Some(Duration::from_secs(32)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("99999999999"), None);
    }

    #[test]
    fn the_message_is_the_status_or_the_text() {
        let status = br#"{"kind":"Status","status":"Failure","message":"the server is shutting down","reason":"TooManyRequests","code":429}"#;
        assert_eq!(message_of(status), "the server is shutting down");
        assert_eq!(
            message_of(b"Too many requests, please try again later.\n"),
            "Too many requests, please try again later."
        );
    }
}
