package io.nixunits.agent.cli;

/**
 * Configures slf4j-simple before the first logger is made. Logs go to standard error; when
 * the process runs under systemd (JOURNAL_STREAM is set) lines carry no timestamp, because
 * journald adds its own.
 */
public final class Logging {
    private Logging() {
    }

    public static void configure(boolean debug) {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "info");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jgit", debug ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.quartz", "warn");
        boolean journald = System.getenv("JOURNAL_STREAM") != null;
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", journald ? "false" : "true");
        if (!journald) {
            // A date format makes the logger load the JDK's locale data, and journald adds its own time.
            setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
