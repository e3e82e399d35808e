package dev.confab.cli.ping;

import dev.confab.client.trust.ServerAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code HOST:PORT} (an IPv6 host in brackets, {@code [::1]:7700}) the way {@code --server}
 * does, except that the port must be given: a UDP endpoint has no default worth guessing. Only
 * the spelling is checked here; the host is resolved when the command runs.
 */
public final class EndpointConverter implements ITypeConverter<ServerAddress> {

    @Override
    public ServerAddress convert(String text) {
        String trimmed = text.strip();
        int close = trimmed.lastIndexOf(']');
        if (trimmed.indexOf(':', close + 1) < 0) {
            throw new TypeConversionException("'" + text + "' has no port: expected HOST:PORT, like 203.0.113.7:7700");
        }
        try {
            return ServerAddress.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("expected HOST:PORT: " + e.getMessage().replaceFirst("^server ", ""));
        }
    }
}
