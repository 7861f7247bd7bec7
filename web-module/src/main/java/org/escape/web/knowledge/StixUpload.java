package org.escape.web.knowledge;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.PayloadTooLargeException;

/**
 * Reads an import's body — a STIX bundle, MITRE's is 4 MB — up to {@value #MAX_BYTES} bytes,
 * past the API's general 1 MiB limit ({@code RequestSizeLimit}, which only applies to bodies JAX-RS
 * reads itself). A declared or actual larger body is refused with 413 before anything is parsed.
 */
final class StixUpload {

    static final int MAX_BYTES = 32 * 1024 * 1024;

    private StixUpload() {
    }

    static byte[] read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1 << 16);
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > MAX_BYTES) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
            if (out.size() == 0) {
                throw new InvalidRequestException("The body is empty: send a STIX 2.x bundle (JSON).");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the import body failed", e);
        }
    }

    private static PayloadTooLargeException tooLarge() {
        return new PayloadTooLargeException("The bundle is larger than " + MAX_BYTES / (1024 * 1024)
                + " MiB. Split it, or import MITRE's enterprise bundle of mitigations (about 4 MB).");
    }
}
