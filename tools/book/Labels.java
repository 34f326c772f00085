package book;

import bp.UserError;

/// The words of the book's frame (navigation, buttons, captions) in one language.
record Labels(String lang, String htmlLang, String title, String subtitle, String intro, String contents,
              String previous, String next, String search, String searchHint, String noResults, String figure,
              String script, String exercises, String notebook, String run, String theme, String pdf, String other,
              String otherName, String output, String chapterFiles, String printedFrom) {

    static final Labels ENGLISH = new Labels("en", "en", "backprop: learn how neural networks learn",
            "A notebook-and-textbook companion in Java",
            "From a single neuron z = w·x + b, a = σ(z) to a multilayer perceptron that reads handwritten digits and to automatic "
                    + "differentiation: every gradient derived by hand with the chain rule, coded in Java and checked numerically. "
                    + "Each chapter is the chapter's notebook, with its formulas, its code and what the code printed and drew; "
                    + "run it with ./jbang chNN and do its exercises in exercises/chNN/.",
            "Contents", "Previous", "Next", "Search", "Search the book…", "Nothing found.", "Figure",
            "Chapter script", "Exercises", "Notebook", "Run it", "Light or dark theme", "The whole book as one PDF",
            "zh", "中文", "Output", "In the repository", "Built from the notebooks in notebooks/ and the chapter scripts in chapters/.");

    static final Labels CHINESE = new Labels("zh", "zh-Hans", "backprop：神经网络如何学习",
            "用 Java 写成的笔记本与教科书配套教程",
            "从单个神经元 z = w·x + b、a = σ(z) 讲起，一直到能识别手写数字的多层感知机和自动微分：每一个梯度都用链式法则亲手推导，"
                    + "用 Java 写成代码，再用数值方法检验。每一章就是该章的笔记本，包括公式、代码以及代码打印和绘制的结果；"
                    + "用 ./jbang chNN 运行它，在 exercises/chNN/ 中完成练习。",
            "目录", "上一章", "下一章", "搜索", "搜索全书…", "没有找到。", "图",
            "本章脚本", "练习", "笔记本", "运行", "浅色或深色主题", "全书（PDF 文件）",
            "en", "English", "输出", "仓库中的文件", "由 notebooks/ 中的笔记本和 chapters/ 中的章节脚本生成。");

    /// The labels of `lang` (`en` or `zh`).
    static Labels of(String lang) {
        return switch (lang) {
            case "en" -> ENGLISH;
            case "zh" -> CHINESE;
            default -> throw new UserError("--lang must be en (English) or zh (Simplified Chinese), not '" + lang + "'.");
        };
    }

    /// `Chapter 3` / `第 3 章`, for the navigation.
    String chapter(int number) {
        return lang.equals("zh") ? "第 " + number + " 章" : "Chapter " + number;
    }

    /// `Figure 3.2` / `图 3.2`.
    String figure(int chapter, int k) {
        return (lang.equals("zh") ? figure : figure + " ") + chapter + "." + k;
    }
}
