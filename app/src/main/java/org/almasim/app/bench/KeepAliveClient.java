package org.almasim.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately lean HTTP/1.1 GET client for load generation: one keep-alive socket, no allocation-heavy machinery.
 * The JDK's HttpClient costs more CPU per request than the simulator does to answer it, and the benchmark shares
 * the server's two cores, so a heavy client would measure itself. This is a measuring tool, not a general client:
 * it reads Content-Length bodies only, which is all the simulator sends.
 */
final class KeepAliveClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    KeepAliveClient(String host, int port) throws IOException {
        this.host = host + ":" + port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Sends a GET and answers the status code, having read the whole body. */
    int get(String pathAndQuery, String apiKey) throws IOException {
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: apikey " + apiKey
                + "\r\nAccept: application/json\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("The benchmark client reads Content-Length bodies only: " + statusLine);
        }
        for (int left = length; left > 0; ) {
            if (position == limit) {
                fill();
            }
            int take = Math.min(left, limit - position);
            position += take;
            left -= take;
        }
        return status;
    }

    /** Reads one header line from the buffer; the stream is read in large blocks, never a byte at a time. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit) {
                fill();
            }
            byte c = buffer[position++];
            if (c == '\n') {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
    }

    private void fill() throws IOException {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit < 0) {
            throw new IOException("Connection closed");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
