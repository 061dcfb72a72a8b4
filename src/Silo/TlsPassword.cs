namespace InfoRisk.Silo;

/// <summary>The password of the TLS certificate file: from a file or an environment variable, never a command-line literal.</summary>
public static class TlsPassword
{
    public static string? Read(string? passwordFile)
    {
        if (passwordFile is null) return Environment.GetEnvironmentVariable(ClusterSettings.TlsPasswordVariable);
        if (!File.Exists(passwordFile)) throw new IOException($"--tls-password-file '{passwordFile}': file not found");
        using var reader = new StreamReader(passwordFile);
        return reader.ReadLine() ?? "";
    }
}
