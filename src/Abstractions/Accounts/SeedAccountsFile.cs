using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrintFarm.Accounts;

/// <summary>
/// A file of accounts for a farm to make sure of at start (<see cref="AccountOptions"/>'s
/// <c>Accounts:SeedFile</c> on the silo): <c>./farm demo</c>'s <c>.farm/demo-accounts.json</c>,
/// and the accounts tests and benchmarks run with. It holds keys and a password in clear, so it
/// is written readable by its owner only.
/// </summary>
public sealed record SeedAccountsFile
{
    [JsonPropertyName("admin")] public required SeedAccount Admin { get; init; }
    [JsonPropertyName("operator")] public required SeedAccount Operator { get; init; }
    [JsonPropertyName("viewer")] public SeedAccount? Viewer { get; init; }
    [JsonPropertyName("customer")] public required SeedAccount Customer { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>New demo accounts with new keys; the customer, the operator and the viewer get passwords to sign in with (the console).</summary>
    public static SeedAccountsFile Generate(string prefix = "demo") => new()
    {
        Admin = new SeedAccount { Login = $"{prefix}-admin", Key = ApiKeyToken.New(out _) },
        Operator = new SeedAccount { Login = $"{prefix}-operator", Key = ApiKeyToken.New(out _), Password = NewPassword() },
        Viewer = new SeedAccount { Login = $"{prefix}-viewer", Key = ApiKeyToken.New(out _), Password = NewPassword() },
        Customer = new SeedAccount
        {
            Login = $"{prefix}-customer",
            Email = $"{prefix}-customer@example.com",
            Key = ApiKeyToken.New(out _),
            Password = NewPassword(),
        },
    };

    private static string NewPassword() => System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 16);

    /// <summary>Each account with the role it is seeded as.</summary>
    public IEnumerable<(SeedAccount Account, AccountRole Role)> All()
    {
        yield return (Admin, AccountRole.Admin);
        yield return (Operator, AccountRole.Operator);
        if (Viewer is not null) yield return (Viewer, AccountRole.Viewer);
        yield return (Customer, AccountRole.Customer);
    }

    public static SeedAccountsFile Read(string path) =>
        JsonSerializer.Deserialize<SeedAccountsFile>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no accounts.");

    /// <summary>Writes the file readable and writable by its owner only (it holds secrets).</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
