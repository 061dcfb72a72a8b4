using System.Runtime.InteropServices;

namespace InfoRisk.Runner.Experiments;

/// <summary>What a path names: checked before a file is opened, because opening a pipe blocks and a device never ends.</summary>
public enum InputFileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A device, pipe (FIFO) or socket.</summary>
    Special,
}

/// <summary>
/// Input files (experiment and regime files, result CSVs) are read only when they are regular files, and experiment
/// files only up to a stated size, so that <c>/dev/zero</c>, a FIFO or a folder get a clear error instead of running out
/// of memory, hanging, or "file not found".
/// </summary>
public static class InputFile
{
    /// <summary>The largest experiment or regime file read (1 MiB: the shipped ones are a few KiB).</summary>
    public const long MaxJsonBytes = 1 << 20;

    /// <summary>What <paramref name="path"/> names (symbolic links followed).</summary>
    public static InputFileKind KindOf(string path)
    {
        if (Directory.Exists(path)) return InputFileKind.Directory;
        if (!File.Exists(path)) return InputFileKind.Missing;
        return UnixFileType(path) is { } type && type != RegularType ? InputFileKind.Special : InputFileKind.Regular;
    }

    /// <summary>Why <paramref name="path"/> cannot be read as an input file (missing, a folder, a device or pipe), or null when it can.</summary>
    public static string? Problem(string path) => KindOf(path) switch
    {
        InputFileKind.Missing => "file not found",
        InputFileKind.Directory => "is a folder, not a file",
        InputFileKind.Special => "is not a regular file (a device, pipe or socket); give a regular file",
        _ => null,
    };

    /// <summary>
    /// Reads a regular file of at most <paramref name="maxBytes"/> bytes; on failure returns null and says why in
    /// <paramref name="problem"/> (never throws for a missing, special, too large or unreadable file).
    /// </summary>
    public static byte[]? TryReadAll(string path, long maxBytes, out string? problem)
    {
        problem = Problem(path);
        if (problem is not null) return null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    problem = $"is larger than {maxBytes / 1024:N0} KiB, the limit for this kind of file";
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read: {e.Message}";
            return null;
        }
    }

    private const int RegularType = 0x8000; // S_IFREG
    private const int TypeMask = 0xF000; // S_IFMT
    private const int AtCurrentDirectory = -100; // AT_FDCWD
    private const uint StatxType = 0x1; // STATX_TYPE

    /// <summary>The file type bits of the file's mode (S_IFMT part) on Linux, or null where statx(2) is not available.</summary>
    private static int? UnixFileType(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            // struct statx has the same layout on every Linux architecture: stx_mode is the u16 at offset 28
            var buffer = new byte[256];
            if (Statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0) return null;
            return BitConverter.ToUInt16(buffer, 28) & TypeMask;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
