package io.nixunits.agent.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Configures slf4j-simple before the first logger is made. Logs go to standard error. Only the
 * daemon's lines carry a timestamp, and only outside systemd (JOURNAL_STREAM unset), because
 * journald adds its own. A command that runs for seconds has no use for one, and the date
 * format makes the logger load the JDK's locale data, about 20 ms of a short command's run.
 */
public final class Logging {
    private Logging() {
    }

    /**
     * Configures the logger for {@code nixunits-agent} with the arguments {@code args}. The verb
     * is the first argument that is not an option, because the global options take no value.
     */
    public static void configure(String[] args) {
        List<String> arguments = Arrays.asList(args);
        String verb = arguments.stream().filter(argument -> !argument.startsWith("-")).findFirst().orElse("");
        configure(arguments.contains("--debug") || arguments.contains("-d"), verb.equals("run"));
    }

    public static void configure(boolean debug, boolean daemon) {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "info");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jgit", debug ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.quartz", "warn");
        boolean timestamps = daemon && System.getenv("JOURNAL_STREAM") == null;
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", Boolean.toString(timestamps));
        if (timestamps) {
            setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
