package io.nixunits.agent.hooks;

import io.nixunits.model.ContainerId;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the {@code KEY=value} lines of a unit.conf, accepting exactly the forms that the Nix
 * renderer writes: a bare value made of {@code A-Z a-z 0-9 _ . / : , @ % + = -}, or a value in
 * double quotes where only {@code \\ \" \$ \`} are escaped. systemd's {@code EnvironmentFile=}
 * and POSIX sh read both forms the same way, so the hooks see what the unit sees. Empty lines
 * and lines starting with {@code #} are skipped, as systemd skips them. Anything else, such as
 * single quotes, an unescaped {@code $} or a repeated key, is rejected with the line number.
 */
final class EnvironmentFileParser {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern BARE_VALUE = Pattern.compile("[A-Za-z0-9_./:,@%+=-]*");
    private static final String FIX = " Rebuild the container so that the Nix renderer writes unit.conf again, or fix"
            + " the line: a value is bare (letters, digits and _ . / : , @ % + = -) or in double quotes with"
            + " \\\\, \\\", \\$ and \\` escaped.";

    /** One value and the line it came from. */
    record Entry(String value, int line) {
    }

    private EnvironmentFileParser() {
    }

    /** Returns the entries in file order. */
    static Map<String, Entry> parse(ContainerId id, Path file, String text) throws UnitConfException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }

            int equals = line.indexOf('=');
            if (equals < 0) {
                throw invalid(id, file, number, line, "no '=' between a key and a value");
            }
            String key = line.substring(0, equals);
            if (!KEY.matcher(key).matches()) {
                throw invalid(id, file, number, line, "invalid key " + ContainerId.quote(key));
            }
            String value = unquote(id, file, number, line, line.substring(equals + 1));

            Entry previous = entries.putIfAbsent(key, new Entry(value, number));
            if (previous != null) {
                throw invalid(id, file, number, line, key + " is already set on line " + previous.line());
            }
        }
        return entries;
    }

    private static String unquote(ContainerId id, Path file, int number, String line, String raw)
            throws UnitConfException {
        if (!raw.startsWith("\"")) {
            if (!BARE_VALUE.matcher(raw).matches()) {
                throw invalid(id, file, number, line, "an unquoted value may only contain letters, digits and"
                        + " _ . / : , @ % + = -");
            }
            return raw;
        }

        StringBuilder value = new StringBuilder();
        int i = 1;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '"') {
                if (i != raw.length() - 1) {
                    throw invalid(id, file, number, line, "text after the closing double quote");
                }
                return value.toString();
            }
            if (c == '\\') {
                char next = i + 1 < raw.length() ? raw.charAt(i + 1) : 0;
                if (next != '\\' && next != '"' && next != '$' && next != '`') {
                    throw invalid(id, file, number, line, "a backslash inside double quotes must escape \\, \", $"
                            + " or `");
                }
                value.append(next);
                i += 2;
                continue;
            }
            if (c == '$' || c == '`') {
                throw invalid(id, file, number, line, "an unescaped " + c + " inside double quotes, which a shell"
                        + " would expand");
            }
            if (Character.isISOControl(c)) {
                throw invalid(id, file, number, line, "a control character inside the value");
            }
            value.append(c);
            i++;
        }
        throw invalid(id, file, number, line, "no closing double quote");
    }

    private static UnitConfException invalid(ContainerId id, Path file, int number, String line, String problem) {
        return new UnitConfException(id, file, number, "invalid line " + number + " of " + file + ": " + problem
                + ", in " + ContainerId.quote(line) + "." + FIX, null);
    }
}
