using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace InfoRisk.Runner.Plotting;

/// <summary>
/// A figure of one or more ScottPlot panels at fixed pixel rectangles, written as PNG (panels composited with SkiaSharp,
/// pHYs chunk carrying the dpi) and SVG (each panel's SVG nested as an &lt;svg x= y=&gt; child; physical size in inches).
/// </summary>
internal sealed partial class Figure
{
    private readonly List<Panel> _panels = [];
    private readonly ChartOptions _options;
    private readonly string _svgFontFallback;

    public Figure(int width, int height, ChartOptions options, string svgFontFallback)
    {
        Width = width;
        Height = height;
        _options = options;
        _svgFontFallback = svgFontFallback;
    }

    public int Width { get; }

    public int Height { get; }

    public void Add(Plot plot, int x, int y, int width, int height) => _panels.Add(new Panel(plot, x, y, width, height));

    /// <summary>The panels and their pixel rectangles, in drawing order (for layout checks).</summary>
    internal IReadOnlyList<(Plot Plot, int X, int Y, int Width, int Height)> Panels => _panels.Select(p => (p.Plot, p.X, p.Y, p.Width, p.Height)).ToList();

    /// <summary>
    /// Gives the panels the same data-area margins (the largest each needs), so that their data areas line up:
    /// <paramref name="horizontal"/> matches left/right margins (panels in a column), <paramref name="vertical"/> top/bottom (panels in a row).
    /// </summary>
    public void Align(IReadOnlyList<Plot> group, bool horizontal, bool vertical)
    {
        var members = _panels.Where(p => group.Contains(p.Plot)).ToList();
        if (members.Count < 2)
        {
            return;
        }

        var pads = new List<(Panel Panel, float L, float R, float B, float T)>();
        foreach (var p in members)
        {
            p.Plot.RenderInMemory(p.Width, p.Height);
            // LastRender rectangles and fixed paddings are in unscaled units (figure pixels / ScaleFactor)
            var d = p.Plot.LastRender.DataRect;
            var s = (float)p.Plot.ScaleFactor;
            pads.Add((p, d.Left, p.Width / s - d.Right, p.Height / s - d.Bottom, d.Top));
        }

        var maxL = pads.Max(x => x.L);
        var maxR = pads.Max(x => x.R);
        var maxB = pads.Max(x => x.B);
        var maxT = pads.Max(x => x.T);
        foreach (var (p, l, r, b, t) in pads)
        {
            p.Plot.Layout.Fixed(new PixelPadding(
                horizontal ? maxL : l,
                horizontal ? maxR : r,
                vertical ? maxB : b,
                vertical ? maxT : t));
        }
    }

    /// <summary>Writes <c>name.png</c> and <c>name.svg</c> into <paramref name="dir"/> and returns both paths.</summary>
    public IReadOnlyList<string> Save(string dir, string name)
    {
        var png = Path.Combine(dir, name + ".png");
        var svg = Path.Combine(dir, name + ".svg");
        File.WriteAllBytes(png, RenderPng());
        File.WriteAllText(svg, RenderSvg(), new UTF8Encoding(false));
        return [png, svg];
    }

    public byte[] RenderPng()
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot allocate a {Width}x{Height} image");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        foreach (var p in _panels)
        {
            canvas.Save();
            canvas.Translate(p.X, p.Y);
            canvas.ClipRect(new SKRect(0, 0, p.Width, p.Height));
            p.Plot.Render(canvas, p.Width, p.Height);
            canvas.Restore();
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return WithDpi(data.ToArray(), _options.Dpi);
    }

    public string RenderSvg()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{Inches(Width)}in\" height=\"{Inches(Height)}in\" viewBox=\"0 0 {Width} {Height}\">\n");
        sb.Append(inv, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        for (var i = 0; i < _panels.Count; i++)
        {
            var p = _panels[i];
            var inner = p.Plot.GetSvgXml(p.Width, p.Height);
            var prefix = $"p{i}_";
            inner = XmlDeclaration().Replace(inner, string.Empty);
            inner = IdAttribute().Replace(inner, m => $"id=\"{prefix}{m.Groups[1].Value}\"");
            inner = UrlReference().Replace(inner, m => $"url(#{prefix}{m.Groups[1].Value})");
            inner = HrefReference().Replace(inner, m => $"{m.Groups[1].Value}=\"#{prefix}{m.Groups[2].Value}\"");
            inner = TrailingComma().Replace(inner, m => $" {m.Groups[1].Value}=\"{m.Groups[2].Value}\"");
            inner = FontFamily().Replace(inner, m => $"font-family=\"{FontList(m.Groups[1].Value)}\"");
            inner = RootTag().Replace(inner, $"<svg x=\"{p.X}\" y=\"{p.Y}\" width=\"{p.Width}\" height=\"{p.Height}\" viewBox=\"0 0 {p.Width} {p.Height}\" overflow=\"hidden\">", 1);
            sb.Append(inner.Trim()).Append('\n');
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private string Inches(int px) => (px / (double)_options.Dpi).ToString("0.###", CultureInfo.InvariantCulture);

    private string FontList(string family)
    {
        // a family may carry several names ("WenQuanYi Micro Hei, 文泉驿微米黑"): quote each, then the fallbacks
        var names = family.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.Replace("'", string.Empty, StringComparison.Ordinal).Replace("&", string.Empty, StringComparison.Ordinal).Replace("\"", string.Empty, StringComparison.Ordinal))
            .Where(n => n.Length > 0)
            .Select(n => $"'{n}'");
        return string.Join(", ", names.Append(_svgFontFallback));
    }

    /// <summary>Inserts (or replaces) the PNG pHYs chunk so that viewers and LaTeX know the physical size.</summary>
    internal static byte[] WithDpi(byte[] png, int dpi)
    {
        // signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 crc) = 33 bytes
        const int afterIhdr = 33;
        if (png.Length < afterIhdr || png[12] != (byte)'I' || png[13] != (byte)'H')
        {
            return png;
        }

        var ppm = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[4 + 4 + 9 + 4];
        WriteUInt32(chunk, 0, 9);
        "pHYs"u8.CopyTo(chunk.AsSpan(4));
        WriteUInt32(chunk, 8, ppm);
        WriteUInt32(chunk, 12, ppm);
        chunk[16] = 1; // unit: metre
        WriteUInt32(chunk, 17, Crc32(chunk.AsSpan(4, 13)));

        // drop an existing pHYs chunk, if any
        var body = new List<byte>(png.Length + chunk.Length);
        body.AddRange(png.AsSpan(0, afterIhdr).ToArray());
        body.AddRange(chunk);
        var pos = afterIhdr;
        while (pos + 8 <= png.Length)
        {
            var length = (int)((uint)png[pos] << 24 | (uint)png[pos + 1] << 16 | (uint)png[pos + 2] << 8 | png[pos + 3]);
            var total = 12 + length;
            if (length < 0 || pos + total > png.Length)
            {
                return png;
            }

            var isPhys = png[pos + 4] == 'p' && png[pos + 5] == 'H' && png[pos + 6] == 'Y' && png[pos + 7] == 's';
            if (!isPhys)
            {
                body.AddRange(png.AsSpan(pos, total).ToArray());
            }

            pos += total;
        }

        return [.. body];
    }

    private static void WriteUInt32(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@"((?:xlink:)?href)=""#([^""]+)""")]
    private static partial Regex HrefReference();

    [GeneratedRegex(@"font-family=""([^""]*)""")]
    private static partial Regex FontFamily();

    // ScottPlot writes per-glyph lists as x="1, 2, ": drop the trailing comma, which strict SVG parsers reject
    [GeneratedRegex(@"\s(x|y)=""([^""]*?)\s*,\s*""")]
    private static partial Regex TrailingComma();

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex RootTag();

    private sealed record Panel(Plot Plot, int X, int Y, int Width, int Height);
}
