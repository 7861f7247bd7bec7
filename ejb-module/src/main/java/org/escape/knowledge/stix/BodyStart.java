package org.escape.knowledge.stix;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How the body is handed to the JSON parser. JSON-P's own encoding detection refuses bodies shorter
 * than four bytes with a message no user understands, and would call an empty or blank body "not
 * valid JSON"; so the start is looked at here: nothing but blanks is "empty", UTF-8 (the only
 * encoding RFC 8259 allows between systems, with or without a byte-order mark) is decoded strictly,
 * and only what looks like UTF-16 or UTF-32 is left to the parser's detection.
 */
final class BodyStart {

    /** Leading blanks kept for exact line and column numbers in error messages; beyond, they are passed on unread. */
    private static final int MAX_PEEK = 64 * 1024;

    private BodyStart() {
    }

    /** A parser over the body, or null when the body is empty or blank. The caller's stream is never closed. */
    static JsonParser parser(InputStream body) throws IOException {
        PushbackInputStream in = new PushbackInputStream(new NonClosing(body), 4);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        if (n == 0) {
            return null;
        }
        boolean utf8Bom = n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
        if (utf8Bom) {
            in.unread(head, 3, n - 3);
        } else {
            boolean wide = (n >= 2 && ((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff
                    || (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe));
            for (int i = 0; i < n && !wide; i++) {
                wide = head[i] == 0;
            }
            in.unread(head, 0, n);
            if (wide) {
                return Json.createParser(in);
            }
        }
        ByteArrayOutputStream blanks = new ByteArrayOutputStream();
        int b = in.read();
        while ((b == ' ' || b == '\n' || b == '\r' || b == '\t') && blanks.size() < MAX_PEEK) {
            blanks.write(b);
            b = in.read();
        }
        if (b == -1) {
            return null;
        }
        in.unread(b);
        InputStream utf8 = blanks.size() == 0 ? in : new SequenceInputStream(new ByteArrayInputStream(blanks.toByteArray()), in);
        return Json.createParser(new InputStreamReader(utf8, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** The caller's stream, which closing the parser must leave open: the caller owns it. */
    private static final class NonClosing extends FilterInputStream {

        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes the stream it opened
        }
    }
}
