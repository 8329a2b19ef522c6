package org.ptdispatcher.engine.httpproxy;

/**
 * Why an HTTP proxy request is not carried, as the status the application gets. The message
 * names what is wrong, never the request's text (a URL or an Authorization value can be a secret).
 */
public final class HttpProxyRefusal extends Exception {
    private final HttpStatus status;

    public HttpProxyRefusal(HttpStatus status, String why) {
        super(why, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
