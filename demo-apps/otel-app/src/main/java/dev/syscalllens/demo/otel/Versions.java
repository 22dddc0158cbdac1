package dev.syscalllens.demo.otel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/** Which jar a class came from, and the version its manifest gives. */
final class Versions {
    private Versions() {
    }

    /** {@code 1.15.11 from byte-buddy-1.15.11.jar} */
    static String of(Class<?> c) throws IOException, URISyntaxException {
        Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile j = new JarFile(jar.toFile())) {
            Attributes main = j.getManifest().getMainAttributes();
            String version = main.getValue("Implementation-Version");
            // byte-buddy's manifest has only the OSGi version
            return (version != null ? version : main.getValue("Bundle-Version")) + " from " + jar.getFileName();
        }
    }
}
