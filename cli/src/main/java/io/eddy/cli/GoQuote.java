package io.eddy.cli;

/** Go's quoted-string syntax, as etcdctl's txn reads keys and values: {@code "a\"b\n"} or {@code `raw`}. */
final class GoQuote {
    private GoQuote() {
    }

    /**
     * The text of a quoted string; escapes {@code \a \b \f \n \r \t \v \\ \" \'}, {@code \xNN},
     * {@code \NNN} (octal), {@code \\uNNNN} and {@code \UNNNNNNNN}.
     *
     * @throws UsageException when {@code quoted} is not a valid quoted string
     */
    static String unquote(String quoted) {
        if (quoted.length() >= 2 && quoted.startsWith("`") && quoted.endsWith("`")) {
            return quoted.substring(1, quoted.length() - 1);
        }
        if (quoted.length() < 2 || !quoted.startsWith("\"") || !quoted.endsWith("\"")) {
            throw new UsageException("invalid quoted string " + quoted);
        }
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw new UsageException("invalid quoted string " + quoted);
            }
            char e = body.charAt(i);
            switch (e) {
                case 'a' -> text.append('\u0007');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'v' -> text.append('\u000b');
                case '\\', '"', '\'' -> text.append(e);
                case 'x' -> i = code(body, i, 2, 16, text, quoted);
                case 'u' -> i = code(body, i, 4, 16, text, quoted);
                case 'U' -> i = code(body, i, 8, 16, text, quoted);
                default -> {
                    if (e >= '0' && e <= '7') {
                        i = code(body, i - 1, 3, 8, text, quoted);
                    } else {
                        throw new UsageException("invalid quoted string " + quoted);
                    }
                }
            }
        }
        return text.toString();
    }

    private static int code(String body, int at, int digits, int radix, StringBuilder text, String quoted) {
        try {
            text.appendCodePoint(Integer.parseInt(body.substring(at + 1, at + 1 + digits), radix));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new UsageException("invalid quoted string " + quoted);
        }
        return at + digits;
    }
}
