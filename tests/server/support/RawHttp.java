package server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP by hand over a socket, for what java.net.http will not send: un-normalised paths (/../, %2e%2e), a chosen
 * source address (127.0.0.2 is another client), a declared body that never comes.
 */
public final class RawHttp {
    private RawHttp() {}

    /** Sends {@code request} as is (CRLFs and all) and returns everything the server answers until it closes. */
    public static String exchange(int port, String request) throws IOException { return exchange(null, port, request); }

    public static String exchange(String fromAddress, int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            if (fromAddress != null) s.bind(new InetSocketAddress(fromAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Sends {@code request} and returns only the answer's head (status line and headers), then hangs up. */
    public static String head(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                sb.append((char) c);
                if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) break;
            }
            return sb.toString();
        }
    }

    /** A GET of {@code rawPath} exactly as written, closing after the answer. */
    public static String get(int port, String rawPath) throws IOException {
        return exchange(port, "GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
    }

    /** The status code of a raw answer ("HTTP/1.1 404 Not Found" → 404). */
    public static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ")) throw new AssertionError("not an HTTP answer: " + response);
        return Integer.parseInt(response.substring(9, 12));
    }

    /** The body of a raw, non-chunked answer. */
    public static String body(String response) {
        int i = response.indexOf("\r\n\r\n");
        return i < 0 ? "" : response.substring(i + 4);
    }
}
