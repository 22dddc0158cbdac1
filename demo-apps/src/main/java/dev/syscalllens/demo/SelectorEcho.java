package dev.syscalllens.demo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

/**
 * A non-blocking echo server on one Selector (side {@code selector-server}: epoll underneath,
 * accept, then read and write back what each readiness brings, until the client closes) and a
 * blocking SocketChannel client (side {@code echo-client}: 10 messages of 100 bytes, each waiting
 * for its echo), on loopback.
 */
final class SelectorEcho {
    static final int COUNT = 10;
    static final int SIZE = 100;

    private SelectorEcho() {
    }

    static void run(String[] args) throws Exception {
        echo(Sides.WARM_UP, Sides.WARM_UP, 1);
        int echoed = echo("selector-server", "echo-client", COUNT);
        System.out.println("selector-echo: " + COUNT + " messages of " + SIZE + " bytes echoed by a non-blocking"
                + " Selector server in this process on loopback, " + echoed + " bytes back");
    }

    /** Runs the server and the client on threads of these names; returns the bytes the client got back. */
    private static int echo(String serverName, String clientName, int count) throws Exception {
        CompletableFuture<SocketAddress> serverAt = new CompletableFuture<>();
        Sides.Running server = Sides.start(serverName, () -> {
            try {
                serve(serverAt);
            } catch (Exception e) {
                serverAt.completeExceptionally(e);
                throw e;
            }
        });
        int[] back = new int[1];
        Sides.Running client = Sides.start(clientName, () -> {
            try (SocketChannel ch = SocketChannel.open(serverAt.get())) {
                ByteBuffer in = ByteBuffer.allocate(SIZE);
                for (int i = 0; i < count; i++) {
                    ByteBuffer out = ByteBuffer.allocate(SIZE);
                    while (out.hasRemaining()) {
                        out.put((byte) ('a' + i));
                    }
                    out.flip();
                    while (out.hasRemaining()) {
                        ch.write(out);
                    }
                    in.clear();
                    while (in.hasRemaining() && ch.read(in) >= 0) {
                        // until the whole echo is back
                    }
                    back[0] += in.position();
                }
            }
        });
        client.join();
        server.join();
        return back[0];
    }

    /** Accepts one connection and echoes it until it closes. */
    private static void serve(CompletableFuture<SocketAddress> serverAt) throws Exception {
        try (Selector selector = Selector.open(); ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            serverAt.complete(listener.getLocalAddress());
            ByteBuffer buf = ByteBuffer.allocate(4096);
            boolean open = true;
            while (open) {
                selector.select();
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isAcceptable()) {
                        SocketChannel peer = listener.accept();
                        peer.configureBlocking(false);
                        peer.register(selector, SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        SocketChannel peer = (SocketChannel) key.channel();
                        buf.clear();
                        if (peer.read(buf) < 0) {
                            peer.close();
                            open = false;
                            continue;
                        }
                        buf.flip();
                        while (buf.hasRemaining()) {
                            peer.write(buf);
                        }
                    }
                }
            }
        }
    }
}
