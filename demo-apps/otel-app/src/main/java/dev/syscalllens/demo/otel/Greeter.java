package dev.syscalllens.demo.otel;

/** What byte-buddy subclasses at run time. */
public class Greeter {
    public String greet() {
        return "hello from Greeter";
    }
}
