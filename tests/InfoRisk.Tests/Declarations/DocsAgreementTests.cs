using System.Globalization;
using System.Text.RegularExpressions;
using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Commands;

namespace InfoRisk.Tests.Declarations;

/// <summary>The documents that describe declarations agree with them: nothing is listed twice by hand.</summary>
public sealed partial class DocsAgreementTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(Repo.Root, "docs", name)).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void ParametersDoc_IsTheTableGeneratedFromTheDeclarations()
    {
        var expected = ReferenceTables.ParametersMarkdown();
        Assert.True(expected == Doc("parameters.md"), "docs/parameters.md is out of date: regenerate it with `dotnet run --project src/Runner -c Release -- parameters --markdown > docs/parameters.md`");
    }

    [Fact]
    public void OutputsDoc_ListsEveryMetricOfTheRegistry_InColumnOrder_WithItsUnitAndMeaning()
    {
        var rows = Doc("outputs.md").Split('\n').Where(l => MetricRow().IsMatch(l)).ToList();
        Assert.Equal(ReferenceTables.MetricRows(), rows);
    }

    /// <summary>Every file and member that a "Code." line of docs/model.md names exists (paths relative to the model folder).</summary>
    [Fact]
    public void EveryCodeLineOfTheModelDoc_NamesFilesAndMembersThatExist()
    {
        var model = Path.Combine(Repo.Root, "src", "Grains", "InfoRisk.Model");
        var lines = CodeBlocks(Doc("model.md")).ToList();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(model, "*.cs", SearchOption.AllDirectories))
        {
            var source = File.ReadAllText(path);
            foreach (Match t in TypeDeclaration().Matches(source)) types.TryAdd(t.Groups[1].Value, source);
        }
        Assert.True(lines.Count >= 25, $"only {lines.Count} Code lines found");
        var problems = new List<string>();
        foreach (var line in lines)
        {
            string? text = null;
            string? file = null;
            foreach (Match m in Backticked().Matches(line))
            {
                var item = m.Groups[1].Value;
                var fileAndMember = item.Split(": ", 2);
                if (fileAndMember[0].EndsWith(".cs", StringComparison.Ordinal))
                {
                    file = fileAndMember[0];
                    var path = Path.Combine(model, file);
                    if (!File.Exists(path)) { problems.Add($"no file {file}"); text = null; continue; }
                    text = File.ReadAllText(path);
                    if (fileAndMember.Length == 2) Check(fileAndMember[1]);
                }
                else if (text is not null && Identifier().IsMatch(item))
                {
                    Check(item);
                }
            }

            // Type.Member is looked up in the file that declares Type; a bare member in the file named last
            void Check(string member)
            {
                var parts = member.Split('.');
                var where = parts.Length > 1 && types.TryGetValue(parts[0], out var declaring) ? declaring : text!;
                if (parts.Skip(parts.Length > 1 ? 1 : 0).Any(part => !Regex.IsMatch(where, $@"\b{Regex.Escape(part)}\b")))
                    problems.Add($"{file}: no member {member}");
            }
        }
        Assert.Empty(problems);
    }

    /// <summary>Every parameter row in a table of docs/model.md names a declared parameter with its true default.</summary>
    [Fact]
    public void ParameterTablesOfTheModelDoc_NameDeclaredParametersWithTheirDefaults()
    {
        var rows = ParameterRow().Matches(Doc("model.md")).ToList();
        Assert.True(rows.Count >= 60, $"only {rows.Count} parameter rows found");
        foreach (Match row in rows)
        {
            var names = row.Groups[1].Value.Split(',').Select(n => n.Trim().Trim('`')).ToList();
            var defaults = row.Groups[2].Value.Split(',').Select(d => d.Trim()).ToList();
            if (names.Count == 1 && LeverRegistry.Find(names[0]) is { } lever)
            {
                // the lever table of §4: the values in the four built-in regimes, in report order
                var cells = row.Value.Split('|').Select(c => c.Trim()).ToList();
                var regimes = RegimeCatalog.BuiltInNames.Select(RegimeCatalog.Get).ToList();
                for (var r = 0; r < regimes.Count; r++)
                {
                    var (file, doc) = (lever.ValueText(regimes[r]), cells[2 + r]);
                    var same = file == doc || (double.TryParse(file, CultureInfo.InvariantCulture, out var a) && double.TryParse(doc, CultureInfo.InvariantCulture, out var b) && a == b);
                    Assert.True(same, $"docs/model.md §4 gives {lever.Name} = {doc} in {regimes[r].Name}; the regime file {file}");
                }
                continue;
            }
            for (var k = 0; k < names.Count; k++)
            {
                var d = ParameterRegistry.Find(names[k]);
                Assert.True(d is not null, $"docs/model.md lists '{names[k]}', which is not a parameter");
                var shown = defaults.Count == names.Count ? defaults[k] : defaults[0];
                // "1/60 ≈ 0.01667": the rounded value after ≈ is checked to its shown precision
                var approximate = shown.Contains('≈', StringComparison.Ordinal);
                var number = NumberAtStart().Match((approximate ? shown[(shown.IndexOf('≈', StringComparison.Ordinal) + 1)..].Trim() : shown).Replace(",", "", StringComparison.Ordinal));
                if (!number.Success) continue; // words, not a number
                var fraction = Fraction().Match(shown);
                var value = !approximate && fraction.Success
                    ? double.Parse(fraction.Groups[1].Value, CultureInfo.InvariantCulture) / double.Parse(fraction.Groups[2].Value, CultureInfo.InvariantCulture)
                    : double.Parse(number.Value, CultureInfo.InvariantCulture);
                var actual = Convert.ToDouble(d!.Default, CultureInfo.InvariantCulture);
                var tolerance = approximate ? 0.5 * Math.Pow(10, -(number.Value.Length - number.Value.IndexOf('.', StringComparison.Ordinal) - 1)) : 1e-9 * Math.Max(1, Math.Abs(actual));
                Assert.True(Math.Abs(value - actual) <= tolerance, $"docs/model.md gives {names[k]} = {shown}, the declaration {actual}");
            }
        }
    }

    private static IEnumerable<string> CodeBlocks(string doc)
    {
        var lines = doc.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("- **Code", StringComparison.Ordinal)) continue;
            var block = lines[i];
            for (var j = i + 1; j < lines.Length && lines[j].StartsWith("  ", StringComparison.Ordinal); j++) block += "\n" + lines[j];
            yield return block;
        }
    }

    [GeneratedRegex(@"^\| \d+ \| `[a-z_0-9]+` \|")]
    private static partial Regex MetricRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\| (`[a-z_0-9]+`(?:, `[a-z_0-9]+`)*) \| ([^|]+) \|.*$", RegexOptions.Multiline)]
    private static partial Regex ParameterRow();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?")]
    private static partial Regex NumberAtStart();

    [GeneratedRegex(@"^([0-9]+)/([0-9]+)")]
    private static partial Regex Fraction();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface) ([A-Z][A-Za-z0-9]*)")]
    private static partial Regex TypeDeclaration();
}
