package io.metastore.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives each request its id before anything else runs and marks every log line the request's thread writes with it
 * ({@code ext_requestId} in Liberty's JSON logs), whoever writes the line: the access line, an unexpected failure's
 * report, a library's warning. The id is removed when the request ends, so a pooled thread never lends it to the next.
 * Asynchronous requests pass too (a waiting change feed call is suspended): the lines written where such a call is
 * resumed, on another thread, carry no id, but the access line names it all the same.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestContext extends HttpFilter {

    static final String REQUEST_ID_FIELD = "requestId";
    static final String ATTRIBUTE = RequestContext.class.getName() + ".requestId";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = RequestId.accept(request.getHeader(RequestId.HEADER));
        request.setAttribute(ATTRIBUTE, requestId);
        LogContext.put(REQUEST_ID_FIELD, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            LogContext.remove(REQUEST_ID_FIELD);
        }
    }

    /** The id {@link RequestContext} gave this request, or a new one for a request it did not see. */
    static String requestId(HttpServletRequest request) {
        Object id = request == null ? null : request.getAttribute(ATTRIBUTE);
        return id instanceof String s ? s : RequestId.accept(request == null ? null : request.getHeader(RequestId.HEADER));
    }
}
