package io.nixunits.model;

/**
 * A validated container id, which is also the systemd machine name, the unit instance name
 * ({@code nixunits@<id>}) and a directory name under the state root.
 *
 * <p>The rules are those of systemd machine names (hostname labels of letters, digits and
 * {@code -}, joined by single dots, at most 64 characters) with two extra restrictions:
 * no leading {@code -}, because the id is passed as an argument to {@code machinectl} and
 * {@code nsenter}, and no trailing dot. These rules also rule out every way out of a
 * directory: {@code ..}, {@code /}, empty strings and control characters.
 */
public record ContainerId(String value) implements Comparable<ContainerId> {
    /** systemd's limit for machine names (HOST_NAME_MAX). */
    public static final int MAX_LENGTH = 64;

    public ContainerId {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid container id " + quote(value) + ": " + problem);
        }
    }

    /** Parses untrusted input, such as a directory name or a command-line argument. */
    public static ContainerId parse(String value) throws InvalidContainerIdException {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidContainerIdException(value, problem);
        }
        return new ContainerId(value);
    }

    /** Returns whether {@code value} is a valid id, without building one. */
    public static boolean isValid(String value) {
        return problemWith(value) == null;
    }

    /** Returns the reason {@code value} is not a valid id, or null when it is valid. */
    static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "it has " + value.length() + " characters, more than " + MAX_LENGTH;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return "it contains a control character at position " + i;
            }
            if (c == '/') {
                return "it contains '/'";
            }
            if (c == '_') {
                return "it contains '_', which systemd does not allow in machine names";
            }
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.';
            if (!allowed) {
                return "it contains '" + c + "' at position " + i;
            }
        }
        if (value.contains("..")) {
            return "it contains '..'";
        }
        if (value.startsWith(".")) {
            return "it starts with '.'";
        }
        if (value.endsWith(".")) {
            return "it ends with '.'";
        }
        if (value.startsWith("-")) {
            return "it starts with '-', which commands would read as an option";
        }
        return null;
    }

    /** Quotes a value for an error message, escaping control characters so they show. */
    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder quoted = new StringBuilder("'");
        for (int i = 0; i < value.length() && i < 200; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        if (value.length() > 200) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }

    @Override
    public int compareTo(ContainerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
