package org.escape.web.api;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.escape.platform.PayloadTooLargeException;

/**
 * Refuses request bodies over {@value #MAX_BYTES} bytes with 413 while they are read, whether or
 * not the client declared a length — the JSON parser never sees more than the limit. Finer
 * limits (64 KiB per post body) are checked by the services.
 */
@Provider
public class RequestSizeLimit implements ReaderInterceptor {

    static final int MAX_BYTES = 1024 * 1024;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String declared = context.getHeaders().getFirst("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > MAX_BYTES) {
            throw tooLarge();
        }
        context.setInputStream(new Bounded(context.getInputStream()));
        return context.proceed();
    }

    private static PayloadTooLargeException tooLarge() {
        return new PayloadTooLargeException("The request body is larger than 1 MiB.");
    }

    private static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_BYTES) {
                throw tooLarge();
            }
        }
    }
}
