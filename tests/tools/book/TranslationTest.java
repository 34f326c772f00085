package book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The translation check of the book: it must catch every way a translation can drift from the
/// English notebook, and accept a faithful one.
@DisplayName("book.Translation")
class TranslationTest {

    static final String CELL_0 = "# Chapter 1: a neuron\n\nA neuron computes $z = w \\cdot x + b$ and $a = \\sigma(z)$:\n\n$$a = \\frac{1}{1 + e^{-z}}$$\n\nRun `./jbang ch01` to see it.";
    static final String CELL_2 = "## 1. The weighted input\n\n```bash\n./jbang grade ch01\n```\n\nThe bias $b$ shifts the curve, and every other thing in this sentence is English prose.";

    static final Translation ENGLISH = new Translation("ch01_neuron", Map.of(0, CELL_0, 2, CELL_2), Map.of(1, "The sigmoid."));

    static final String GOOD = """
            <!-- cell 0 -->
            # 第 1 章：神经元

            神经元先计算 $a = \\sigma(z)$ 所需的 $z = w \\cdot x + b$：

            $$a = \\frac{1}{1 + e^{-z}}$$

            运行 `./jbang ch01` 即可看到。
            <!-- cell 2 -->
            ## 1. 加权输入

            ```bash
            ./jbang grade ch01
            ```

            偏置 $b$ 使曲线平移。
            <!-- figure 1 -->
            sigmoid 函数。
            """;

    private static List<String> problems(String text) {
        return Translation.parse("ch01_neuron", text).problems(ENGLISH, 1);
    }

    @Test
    @DisplayName("a faithful translation (inline formulas reordered, as Chinese word order needs) has no problem")
    void faithful() {
        assertEquals(List.of(), problems(GOOD));
    }

    @Test
    @DisplayName("a missing cell, a missing caption and a cell that is not in the notebook are reported")
    void coverage() {
        List<String> problems = problems(GOOD.replace("<!-- cell 2 -->", "<!-- cell 3 -->").replace("<!-- figure 1 -->\nsigmoid 函数。\n", ""));
        assertTrue(problems.contains("ch01_neuron cell 2 is not translated"), problems.toString());
        assertTrue(problems.contains("ch01_neuron cell 3 is translated but is not a Markdown cell of the notebook"), problems.toString());
        assertTrue(problems.contains("ch01_neuron figure 1 has no translated caption"), problems.toString());
    }

    @Test
    @DisplayName("a changed formula, displayed or inline, is reported")
    void formulas() {
        assertTrue(problems(GOOD.replace("e^{-z}}$$", "e^{z}}$$")).getFirst().contains("displayed formulas"));
        assertTrue(problems(GOOD.replace("偏置 $b$", "偏置 $B$")).getFirst().contains("inline formulas ($...$) of the English cell: missing $b$; extra $B$"));
    }

    @Test
    @DisplayName("changed code, in a block or a span, and a heading of another level are reported")
    void codeAndHeadings() {
        assertTrue(problems(GOOD.replace("./jbang grade ch01\n", "./jbang grade\n")).getFirst().contains("code blocks"));
        assertTrue(problems(GOOD.replace("`./jbang ch01`", "`./jbang ch02`")).getFirst().contains("code spans"));
        assertTrue(problems(GOOD.replace("## 1. 加权输入", "### 1. 加权输入")).getFirst().contains("headings of levels [3]"));
    }

    @Test
    @DisplayName("a cell left in English is reported as untranslated")
    void untranslated() {
        String english = GOOD.replace("偏置 $b$ 使曲线平移。", "The bias $b$ shifts the curve.").replace("## 1. 加权输入", "## 1. The weighted input");
        assertEquals(List.of("ch01_neuron cell 2 holds no Chinese text: it looks untranslated"), problems(english));
    }

    @Test
    @DisplayName("Spans keeps math, code spans and fences apart from the prose, and gives the text back whole")
    void spans() {
        String text = CELL_0 + "\n\n" + CELL_2 + " Costs \\$5 and $6 stay prose.";
        List<Spans.Span> spans = Spans.split(text);
        assertEquals(text, String.join("", spans.stream().map(Spans.Span::text).toList()));
        assertEquals(List.of("$z = w \\cdot x + b$", "$a = \\sigma(z)$", "$b$"), Spans.of(text, Spans.Kind.INLINE_MATH));
        assertEquals(List.of("$$a = \\frac{1}{1 + e^{-z}}$$"), Spans.of(text, Spans.Kind.DISPLAY_MATH));
        assertEquals(List.of("`./jbang ch01`"), Spans.of(text, Spans.Kind.CODE_SPAN));
        assertEquals(1, Spans.of(text, Spans.Kind.FENCE).size());
    }
}
