"""The floor of `bench/voting.py --floor`: a WSGI application that reads the form and answers
one short line, with no framework, no database and no cache. What the web server and the load
generator cost per request on this machine, which no portal code can go below."""


def application(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    environ["wsgi.input"].read(length)
    body = b'<p class="small">Gemeente: voor, vastgelegd om 12:00.</p>'
    start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
    return [body]
