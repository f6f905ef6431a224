package io.nixunits.agent.daemon;

import java.net.InetSocketAddress;

/** Parses the HTTP listener's address: {@code PORT}, {@code HOST:PORT} or {@code [IPv6]:PORT}. */
final class ListenAddress {
    private ListenAddress() {
    }

    static InetSocketAddress parse(String text, String origin) throws ConfigException {
        String value = text.strip();
        String host = AgentConfigLoader.DEFAULT_LISTEN_HOST;
        String port = value;
        int colon = value.lastIndexOf(':');
        if (colon >= 0) {
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > 65535 || host.isBlank()) {
            throw new ConfigException("invalid listen address '" + text + "' (" + origin + "). Give a port such as"
                    + " 9780 (on " + AgentConfigLoader.DEFAULT_LISTEN_HOST + "), or HOST:PORT such as 127.0.0.1:9780.");
        }
        return new InetSocketAddress(host, number);
    }
}
