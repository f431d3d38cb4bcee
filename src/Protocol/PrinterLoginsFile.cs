using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrintFarm.Protocol;

/// <summary>
/// Printers' broker logins in a file, <c>{"printers": [{"id": "sim-001", "password": "…"}]}</c>:
/// what <c>./farm demo</c> and the tests write, the silo seeds the farm's credentials from, and
/// the simulator logs its printers in with. It holds passwords: keep it private (mode 600).
/// </summary>
public sealed class PrinterLoginsFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [JsonPropertyName("printers")]
    public List<PrinterLogin> Printers { get; set; } = [];

    /// <summary>The password of <paramref name="printerId"/>, or null when the file has none.</summary>
    public string? PasswordOf(string printerId) => Printers.FirstOrDefault(p => p.Id == printerId)?.Password;

    /// <summary>Throws <see cref="InvalidDataException"/> naming the file (never a password) when it cannot be read.</summary>
    public static PrinterLoginsFile Read(string path)
    {
        PrinterLoginsFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PrinterLoginsFile>(File.ReadAllBytes(path), Json);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"The printer logins file {path} cannot be read: {(ex is JsonException ? "not JSON of the expected shape" : ex.Message)}.");
        }
        if (file is null) throw new InvalidDataException($"The printer logins file {path} is empty.");
        foreach (var p in file.Printers)
        {
            if (p.Id is null || !PrinterId.IsValid(p.Id)) throw new InvalidDataException($"The printer logins file {path} has an entry with an invalid printer id.");
            if (string.IsNullOrEmpty(p.Password)) throw new InvalidDataException($"The printer logins file {path} has no password for printer {p.Id}.");
        }
        return file;
    }

    /// <summary>Writes the file readable by its owner only (it holds passwords).</summary>
    public void Write(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = OperatingSystem.IsWindows() ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }
        File.Move(temp, path, overwrite: true);
    }
}
