# Varnish in front of two stateless front ends (docs/deployment.md). Varnish keeps what the
# platform's Cache-Control allows (documents: public, max-age=300) and revalidates with the
# platform's ETags afterwards, so a repeated document is answered without reaching a front end.
# A new data version changes every ETag; `varnishadm ban req.url '~' .` drops what is kept at once.
vcl 4.1;

import directors;

probe ready {
    .url = "/robots.txt";
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend front1 { .host = "127.0.0.1"; .port = "8081"; .probe = ready; }
backend front2 { .host = "127.0.0.1"; .port = "8082"; .probe = ready; }

sub vcl_init {
    new fronts = directors.round_robin();
    fronts.add_backend(front1);
    fronts.add_backend(front2);
}

sub vcl_recv {
    set req.backend_hint = fronts.backend();
    # The platform sets no cookies and needs none: a client's cookies must not make a document uncacheable.
    unset req.http.Cookie;
}

sub vcl_backend_response {
    # Which front end answered (for people checking a deployment; the platform itself never says).
    set beresp.http.X-Front-End = beresp.backend.name;
}
