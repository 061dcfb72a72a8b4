using System.Globalization;
using System.Text;
using SkiaSharp;

namespace InfoRisk.Runner.Plotting;

/// <summary>Font look-up and glyph coverage checks (SkiaSharp; no fontconfig needed).</summary>
public static class FontCoverage
{
    /// <summary>File name of the shipped regular face (in <c>Fonts/</c> next to the executable).</summary>
    public const string ShippedRegular = "LiberationSans-Regular.ttf";

    /// <summary>File name of the shipped bold face.</summary>
    public const string ShippedBold = "LiberationSans-Bold.ttf";

    /// <summary>The message of the exception thrown when zh charts are asked for and no CJK font exists.</summary>
    public const string NoCjkFontMessage =
        "no CJK font found; install fonts-noto-cjk or fonts-wqy-microhei, or pass --font <file>";

    // Preferred CJK fonts, best first (file-name patterns, case-insensitive, '*' wildcard).
    private static readonly string[] CjkPatterns =
    [
        "NotoSansCJK*-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf", "NotoSansSC-Regular.ttf", "NotoSansCJK*.ttc", "NotoSansCJK*.otf",
        "SourceHanSans*-Regular.ttc", "SourceHanSansSC-Regular.otf", "SourceHanSans*.otf",
        "wqy-microhei.ttc", "wqy-zenhei.ttc",
        "msyh.ttc", "simhei.ttf", "simsun.ttc", "PingFang.ttc", "STHeiti*.ttc", "Hiragino Sans GB.ttc", "Arial Unicode.ttf",
    ];

    /// <summary>
    /// The characters of <paramref name="texts"/> that the font at <paramref name="fontPath"/> has no glyph for,
    /// each once, in order of first appearance. White space and control characters are ignored.
    /// </summary>
    /// <exception cref="ChartFontException">The file does not exist or is not a font.</exception>
    public static IReadOnlyList<string> MissingGlyphs(string fontPath, IEnumerable<string> texts)
    {
        using var typeface = Load(fontPath);
        var missing = new List<string>();
        var seen = new HashSet<int>();
        foreach (var text in texts)
        {
            foreach (var rune in (text ?? string.Empty).EnumerateRunes())
            {
                if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format || !seen.Add(rune.Value))
                {
                    continue;
                }

                if (typeface.GetGlyph(rune.Value) == 0)
                {
                    missing.Add(rune.ToString());
                }
            }
        }

        return missing;
    }

    /// <summary>The family name stored in the font file (what SVG text refers to).</summary>
    public static string FamilyName(string fontPath)
    {
        using var typeface = Load(fontPath);
        return typeface.FamilyName;
    }

    /// <summary>The shipped font file of the given weight, looked up next to the executable and next to this assembly.</summary>
    public static string? ShippedFont(bool bold = false)
    {
        var file = bold ? ShippedBold : ShippedRegular;
        foreach (var dir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(FontCoverage).Assembly.Location) ?? string.Empty })
        {
            var path = Path.Combine(dir, "Fonts", file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Directories searched for installed fonts (those that exist).</summary>
    /// <summary>For the tests' bare-machine pass: no system font folder is searched (only --font and the shipped fonts are used).</summary>
    internal static bool HideSystemFonts { get; set; }

    public static IReadOnlyList<string> FontDirectories()
    {
        if (HideSystemFonts)
        {
            return [];
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var dirs = new List<string>
        {
            "/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/fonts-droid-fallback",
            Path.Combine(home, ".fonts"), Path.Combine(home, ".local", "share", "fonts"),
            "/System/Library/Fonts", "/Library/Fonts", Path.Combine(home, "Library", "Fonts"),
        };
        var windows = Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
        if (!string.IsNullOrEmpty(windows))
        {
            dirs.Add(windows);
        }

        return dirs.Where(d => !string.IsNullOrEmpty(d) && Directory.Exists(d)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// An installed CJK font that covers every text in <paramref name="mustCover"/> (preferring Noto Sans CJK,
    /// then Source Han Sans, then WenQuanYi), or null when there is none.
    /// </summary>
    public static string? FindCjkFont(IEnumerable<string>? mustCover = null)
    {
        var required = (mustCover ?? ChartText.AllLabels("zh")).ToList();
        var files = new List<string>();
        foreach (var dir in FontDirectories())
        {
            try
            {
                files.AddRange(Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 }));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        foreach (var pattern in CjkPatterns)
        {
            var matches = files
                .Where(f => Matches(Path.GetFileName(f), pattern))
                .OrderBy(f => f, StringComparer.Ordinal);
            foreach (var file in matches)
            {
                try
                {
                    if (MissingGlyphs(file, required).Count == 0)
                    {
                        return file;
                    }
                }
                catch (ChartFontException)
                {
                    // unreadable file: try the next one
                }
            }
        }

        return null;
    }

    private static bool Matches(string name, string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(name, pattern, StringComparison.OrdinalIgnoreCase);
        }

        var prefix = pattern[..star];
        var suffix = pattern[(star + 1)..];
        return name.Length >= prefix.Length + suffix.Length
            && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    private static SKTypeface Load(string fontPath)
    {
        if (string.IsNullOrWhiteSpace(fontPath) || !File.Exists(fontPath))
        {
            throw new ChartFontException($"font file not found: '{fontPath}'");
        }

        return SKTypeface.FromFile(fontPath)
            ?? throw new ChartFontException($"cannot read '{fontPath}' as a font (TTF, OTF or TTC expected)");
    }
}
