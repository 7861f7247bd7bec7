package org.escape.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A deliberately minimal RFC 6455 client on a plain TCP socket, for what {@link java.net.http.WebSocket}
 * will not send: text frames whose bytes are not UTF-8, frames of any size written without
 * waiting, handshakes with any headers. It records the handshake status, every frame the server
 * sends (text as received) and the close code of the server's close frame ({@link LiveSocket#ABNORMAL}
 * when the connection ended without one). Not thread-safe except for the read side, which runs on
 * its own thread.
 */
final class RawWebSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    final int status;
    final String responseHead;
    private final List<String> texts = new ArrayList<>();
    private volatile Integer closeCode;
    private Thread reader;

    private RawWebSocket(Socket socket, int status, String head, DataInputStream in) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = in;
        this.status = status;
        this.responseHead = head;
    }

    /** Opens a TCP connection and performs the handshake with the given ticket and Origin (each may be null). */
    static RawWebSocket connect(String ticket, String origin) throws IOException {
        URI uri = URI.create(IncidentApi.WS_URL);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(20_000);
        byte[] keyBytes = new byte[16];
        RANDOM.nextBytes(keyBytes);
        String path = uri.getPath() + (ticket == null ? "" : "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(keyBytes)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (origin != null) {
            request.append("Origin: ").append(origin).append("\r\n");
        }
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String head = readHead(in);
        socket.setSoTimeout(0); // the reader waits as long as the connection lives
        int status = Integer.parseInt(head.split(" ", 3)[1]);
        RawWebSocket raw = new RawWebSocket(socket, status, head, in);
        if (status == 101) {
            raw.startReading();
        }
        return raw;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes one masked frame (opcode 1 text, 2 binary, 8 close, 9 ping) with exactly these payload bytes. */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        frame.write(masked);
        out.write(frame.toByteArray());
        out.flush();
    }

    void sendText(byte[] utf8OrNot) throws IOException {
        sendFrame(1, utf8OrNot);
    }

    private void startReading() {
        reader = new Thread(() -> {
            try {
                while (true) {
                    int b0 = in.readUnsignedByte();
                    int b1 = in.readUnsignedByte();
                    long length = b1 & 0x7F;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    byte[] mask = null;
                    if ((b1 & 0x80) != 0) {
                        mask = new byte[4];
                        in.readFully(mask);
                    }
                    byte[] payload = new byte[(int) length];
                    in.readFully(payload);
                    if (mask != null) {
                        for (int i = 0; i < payload.length; i++) {
                            payload[i] ^= mask[i % 4];
                        }
                    }
                    int opcode = b0 & 0x0F;
                    if (opcode == 8) {
                        closeCode = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                        try {
                            sendFrame(8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                        } catch (IOException ignored) {
                            // the server may already have gone
                        }
                        return;
                    }
                    if (opcode == 1) {
                        synchronized (texts) {
                            texts.add(new String(payload, StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException e) {
                if (closeCode == null) {
                    closeCode = LiveSocket.ABNORMAL;
                }
            }
        }, "raw-websocket-reader");
        reader.setDaemon(true);
        reader.start();
    }

    List<String> texts() {
        synchronized (texts) {
            return List.copyOf(texts);
        }
    }

    /** The server's close code, waiting up to {@code bound}; null while the connection is open. */
    Integer awaitClose(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (closeCode == null && System.nanoTime() < deadline) {
            ForumApi.sleep(20);
        }
        return closeCode;
    }

    /** Waits until the server closed the connection or one of its text frames contains {@code marker}. */
    void awaitCloseOrText(String marker, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (closeCode == null && System.nanoTime() < deadline && texts().stream().noneMatch(t -> t.contains(marker))) {
            ForumApi.sleep(20);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
