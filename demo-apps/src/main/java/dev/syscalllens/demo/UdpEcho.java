package dev.syscalllens.demo;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A UDP echo on loopback with DatagramSocket: side {@code udp-server} receives 10 datagrams of
 * 512 bytes and sends each back, side {@code udp-client} sends one and waits for its echo, 10
 * times. One datagram is one syscall each way.
 */
final class UdpEcho {
    static final int COUNT = 10;
    static final int SIZE = 512;

    private UdpEcho() {
    }

    static void run(String[] args) throws Exception {
        echo(Sides.WARM_UP, Sides.WARM_UP, 1);
        int echoed = echo("udp-server", "udp-client", COUNT);
        System.out.println("udp-echo: " + COUNT + " datagrams of " + SIZE + " bytes sent with DatagramSocket to an echo"
                + " server in this process on loopback, " + echoed + " echoed back");
    }

    /** Runs the server and the client on threads of these names; returns how many echoes came back. */
    private static int echo(String serverName, String clientName, int count) throws Exception {
        CompletableFuture<SocketAddress> serverAt = new CompletableFuture<>();
        Sides.Running server = Sides.start(serverName, () -> {
            try (DatagramSocket s = new DatagramSocket((SocketAddress) null)) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                serverAt.complete(s.getLocalSocketAddress());
                DatagramPacket p = new DatagramPacket(new byte[SIZE], SIZE);
                for (int i = 0; i < count; i++) {
                    p.setLength(SIZE);
                    s.receive(p);
                    s.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                }
            } catch (Exception e) {
                serverAt.completeExceptionally(e);
                throw e;
            }
        });
        int[] echoed = new int[1];
        Sides.Running client = Sides.start(clientName, () -> {
            SocketAddress to = serverAt.get();
            byte[] out = new byte[SIZE];
            try (DatagramSocket s = new DatagramSocket((SocketAddress) null)) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramPacket in = new DatagramPacket(new byte[SIZE], SIZE);
                for (int i = 0; i < count; i++) {
                    Arrays.fill(out, (byte) ('a' + i));
                    s.send(new DatagramPacket(out, SIZE, to));
                    in.setLength(SIZE);
                    s.receive(in);
                    if (in.getLength() == SIZE && in.getData()[0] == out[0]) {
                        echoed[0]++;
                    }
                }
            }
        });
        client.join();
        server.join();
        return echoed[0];
    }
}
