package book;

/// Small helpers for writing HTML by hand.
final class Html {

    private Html() {}

    /// `text` with `&`, `<`, `>` and `"` escaped, for element content and attribute values.
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /// The text of an HTML fragment: tags dropped, the common entities decoded, spaces collapsed.
    static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&").replaceAll("\\s+", " ").strip();
    }
}
