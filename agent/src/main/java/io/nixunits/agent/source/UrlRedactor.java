package io.nixunits.agent.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from repository URLs and from any text that may quote one (JGit's
 * error messages do). {@code https://user:token@host/x} becomes {@code https://***@host/x}.
 */
public final class UrlRedactor {
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s]+)@");

    private UrlRedactor() {
    }

    /** Returns {@code text} with the user-info part of every URL in it replaced by {@code ***}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = USER_INFO.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "***@"));
    }
}
