using System.Security.Cryptography.X509Certificates;

namespace PrintFarm.Printers.Links;

/// <summary>
/// Where a registration's <c>caCertificate</c> may point when it is a path rather than PEM text:
/// files inside one folder (<see cref="LinkOptions.CaCertificateFolder"/>), reached without a
/// symbolic link. Anything else gets the same answer as a missing file
/// (<see cref="BambuCertificateCheck.UnreadableCaFile"/>), so a caller learns nothing of the silos' disks.
/// </summary>
public sealed class CaCertificateFolder(string? folder)
{
    public string? Folder { get; } = string.IsNullOrWhiteSpace(folder) ? null : Path.GetFullPath(folder);

    /// <summary>The CA of a registration. Throws <see cref="InvalidOperationException"/> with a plain reason.</summary>
    public X509Certificate2 Load(string pemOrPath)
    {
        if (pemOrPath.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal)) return BambuCertificateCheck.LoadCa(pemOrPath);
        if (!Inside(pemOrPath)) throw new InvalidOperationException(BambuCertificateCheck.UnreadableCaFile);
        return BambuCertificateCheck.LoadCa(pemOrPath);
    }

    private bool Inside(string path)
    {
        if (Folder is null || path.Contains('\0') || !Path.IsPathFullyQualified(path)) return false;
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException) { return false; }
        var root = Path.TrimEndingDirectorySeparator(Folder) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal)) return false;
        // No symbolic link below the folder, file or directory: one could lead anywhere.
        try
        {
            for (var at = full; at.Length >= root.Length; at = Path.GetDirectoryName(at)!)
            {
                var info = new FileInfo(at);
                if (info.Exists && info.LinkTarget is not null) return false;
                if (!info.Exists && Directory.Exists(at) && new DirectoryInfo(at).LinkTarget is not null) return false;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
        return true;
    }
}
