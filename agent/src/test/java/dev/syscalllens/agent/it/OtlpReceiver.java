package dev.syscalllens.agent.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An OTLP/HTTP (protobuf) trace receiver on a loopback port, for tests: keeps what it is sent. */
final class OtlpReceiver implements AutoCloseable {
    /** A received span, with its scope and service, ids in hex. */
    record Received(String service, String scope, String traceId, String spanId, String parentSpanId, String name,
                    Span.SpanKind kind, Span span) {
    }

    private final HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
        return bodies.size();
    }

    /** Every span received so far, decoded with the official opentelemetry-proto classes. */
    List<Received> spans() throws IOException {
        List<Received> out = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (byte[] body : bodies) {
            for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
                String service = rs.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                        .findFirst().orElse("");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        out.add(new Received(service, ss.getScope().getName(), hex.formatHex(s.getTraceId().toByteArray()),
                                hex.formatHex(s.getSpanId().toByteArray()), hex.formatHex(s.getParentSpanId().toByteArray()),
                                s.getName(), s.getKind(), s));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
