package dev.syscalllens.agent.it;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The spans of an OTLP JSON file (one ExportTraceServiceRequest per line), as a test sees them. */
final class ExportedSpans {
    record Span(String traceId, String spanId, String parentSpanId, String name, long start, long end,
                Map<String, Object> attributes, List<String> linkedSpanIds, Map<String, String> attributeTypes) {
        String attr(String key) {
            Object v = attributes.get(key);
            return v == null ? null : v.toString();
        }

        boolean isRoot() {
            return parentSpanId == null || parentSpanId.isEmpty();
        }

        /** {@code name(args) = ret} for a syscall span. */
        String straceLine() {
            return name + "(" + attr("syscall.args") + ") = " + attr("syscall.return");
        }
    }

    private final List<Span> spans;

    private ExportedSpans(List<Span> spans) {
        this.spans = spans;
    }

    static ExportedSpans read(Path file) throws IOException {
        List<Span> spans = new ArrayList<>();
        JsonFactory factory = new JsonFactory();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser p = factory.createParser(line)) {
                p.nextToken();
                collect(value(p), spans);
            }
        }
        spans.sort(Comparator.comparingLong(Span::start));
        return new ExportedSpans(spans);
    }

    List<Span> all() {
        return spans;
    }

    List<Span> roots() {
        return spans.stream().filter(Span::isRoot).collect(Collectors.toList());
    }

    List<Span> named(String name) {
        return spans.stream().filter(s -> s.name().equals(name)).collect(Collectors.toList());
    }

    /** The last span with this name, by start time. */
    Span last(String name) {
        List<Span> l = named(name);
        if (l.isEmpty()) {
            throw new AssertionError("no span named " + name + " among " + names());
        }
        return l.get(l.size() - 1);
    }

    List<Span> children(Span parent) {
        return spans.stream().filter(s -> parent.spanId().equals(s.parentSpanId())).collect(Collectors.toList());
    }

    /** The syscall spans under a call, its nested calls' included, in the order they started. */
    List<Span> syscallsUnder(Span call) {
        List<Span> out = new ArrayList<>();
        for (Span child : children(call)) {
            if (child.attributes().containsKey("syscall.name")) {
                out.add(child);
            } else {
                out.addAll(syscallsUnder(child));
            }
        }
        out.sort(Comparator.comparingLong(Span::start));
        return out;
    }

    List<String> names() {
        return spans.stream().map(Span::name).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object request, List<Span> out) {
        for (Object rs : list(((Map<String, Object>) request).get("resourceSpans"))) {
            for (Object ss : list(((Map<String, Object>) rs).get("scopeSpans"))) {
                for (Object so : list(((Map<String, Object>) ss).get("spans"))) {
                    Map<String, Object> s = (Map<String, Object>) so;
                    Map<String, Object> attrs = new LinkedHashMap<>();
                    Map<String, String> types = new LinkedHashMap<>();
                    for (Object ao : list(s.get("attributes"))) {
                        Map<String, Object> a = (Map<String, Object>) ao;
                        Map<String, Object> v = (Map<String, Object>) a.get("value");
                        attrs.put((String) a.get("key"), v.values().iterator().next());
                        // OTLP/JSON names the type: stringValue, intValue, boolValue, doubleValue
                        types.put((String) a.get("key"), switch (v.keySet().iterator().next()) {
                            case "stringValue" -> "string";
                            case "intValue" -> "long";
                            case "boolValue" -> "boolean";
                            case "doubleValue" -> "double";
                            default -> v.keySet().iterator().next();
                        });
                    }
                    List<String> links = new ArrayList<>();
                    for (Object lo : list(s.get("links"))) {
                        links.add((String) ((Map<String, Object>) lo).get("spanId"));
                    }
                    out.add(new Span((String) s.get("traceId"), (String) s.get("spanId"),
                            (String) s.getOrDefault("parentSpanId", ""), (String) s.get("name"),
                            Long.parseLong(s.get("startTimeUnixNano").toString()),
                            Long.parseLong(s.get("endTimeUnixNano").toString()), attrs, links, types));
                }
            }
        }
    }

    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** Any JSON text as maps, lists, strings, numbers and booleans. */
    static Object parseJson(String text) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(text)) {
            p.nextToken();
            return value(p);
        }
    }

    /** A JSON value as maps, lists, strings, numbers and booleans. */
    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, value(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
