"""schemathesis has no serializer for application/x-ndjson (the notifications body): send the
generated text as it is, as an organisation's system would send its lines."""
import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")
