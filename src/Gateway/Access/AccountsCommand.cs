using System.Globalization;
using PrintFarm.Accounts;
using PrintFarm.Gateway.Api;
using PrintFarm.Gateway.Cluster;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// <c>./farm accounts</c>: the admin's accounts and keys from the command line, for the first
/// admin above all (the API needs a key to begin with). It joins the running farm as an Orleans
/// client, with the same Cluster settings the gateway reads. A new key is printed once; a
/// password is read from standard input, never from the command line (where ps shows it).
/// </summary>
public static class AccountsCommand
{
    public const string Usage = """
        Usage: accounts <command>
          list                                   every account, its role and its keys
          add <login> --role ROLE [--name NAME] [--password-stdin]
                                                 a new account (ROLE: customer, viewer, operator, admin);
                                                 --password-stdin reads its password from standard input
          key <login> [--role ROLE] [--name NAME] [--printers ID,ID] [--expires 2027-01-31T00:00:00Z]
                                                 a new key for the account, printed once
          keys <login>                           the account's keys (prefix, role, expiry, last use)
          revoke <key id | key>                  revokes a key at once on every gateway
        """;

    public static async Task<int> Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors, TextReader input)
    {
        if (args.Length == 0 || args[0] is "help" or "--help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.UseOrleansClient(client => client.UseFarmClustering(configuration));
        using var host = builder.Build();
        try
        {
            using var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StartAsync(connecting.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or System.Net.Sockets.SocketException)
        {
            errors.WriteLine($"accounts: cannot reach the farm ({e.Message}). Is it running (./farm demo or ./farm cluster)?");
            return 1;
        }
        var cluster = host.Services.GetRequiredService<IClusterClient>();
        try
        {
            return await Execute(args, cluster, output, errors, input);
        }
        catch (Exception e) when (e is InvalidAccountException or AccountExistsException or FormatException)
        {
            errors.WriteLine($"accounts: {e.Message}");
            return 2;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<int> Execute(string[] args, IClusterClient cluster, TextWriter output, TextWriter errors, TextReader input)
    {
        var options = Options(args.Skip(2));
        switch (args[0])
        {
            case "list":
                foreach (var login in await cluster.GetGrain<IAccountsGrain>(IAccountsGrain.Key).Logins())
                {
                    if (await cluster.GetGrain<IAccountGrain>(login).View() is not { } account) continue;
                    output.WriteLine($"{account.Login,-32} {Role(account.Role),-9} {account.Keys.Count} key(s){(account.HasPassword ? ", password" : "")}  {account.Name}");
                }
                return 0;
            case "add" when args.Length >= 2:
            {
                if (!options.TryGetValue("role", out var roleText)) return Fail(errors, "add needs --role (customer, viewer, operator or admin).");
                var password = options.ContainsKey("password-stdin") ? input.ReadLine() : null;
                var login = AccountNames.Normalize(args[1]);
                if (!AccountNames.IsWellFormed(login)) return Fail(errors, $"the login must be {AccountNames.MinLength} to {AccountNames.MaxLength} of a-z, 0-9 and . _ @ + -.");
                var view = await cluster.GetGrain<IAccountGrain>(login).Create(new AccountSpec
                {
                    Login = login, Role = ParseRole(roleText), Name = options.GetValueOrDefault("name"), Password = password,
                });
                output.WriteLine($"Added {view.Login} ({Role(view.Role)}). Make it a key with: ./farm accounts key {view.Login}");
                return 0;
            }
            case "key" when args.Length >= 2:
            {
                var login = AccountNames.Normalize(args[1]);
                if (!AccountNames.IsWellFormed(login) || await cluster.GetGrain<IAccountGrain>(login).View() is not { } account)
                    return Fail(errors, $"there is no account '{login}'.");
                var role = options.TryGetValue("role", out var r) ? ParseRole(r) : account.Role;
                if (!KeyRoles.Allows(account.Role, role))
                    return Fail(errors, $"a key cannot do more than its account ({Role(account.Role)}).");
                var printers = options.TryGetValue("printers", out var p) ? p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() : null;
                DateTimeOffset? expires = options.TryGetValue("expires", out var e) ? DateTimeOffset.Parse(e, CultureInfo.InvariantCulture) : null;
                var (token, view) = await AccountsApi.Issue(cluster, new KeyFor(login, role, options.GetValueOrDefault("name"), printers, expires));
                output.WriteLine(token);
                errors.WriteLine($"Key {view.Shown} for {login} ({Role(view.Role)}{(expires is null ? "" : $", expires {expires:u}")}). It is shown this once: keep it now.");
                return 0;
            }
            case "keys" when args.Length >= 2:
            {
                var login = AccountNames.Normalize(args[1]);
                if (!AccountNames.IsWellFormed(login) || await cluster.GetGrain<IAccountGrain>(login).View() is not { } account)
                    return Fail(errors, $"there is no account '{login}'.");
                foreach (var id in account.Keys)
                {
                    if (await cluster.GetGrain<IApiKeyGrain>(id).View() is not { } key) continue;
                    var state = key.RevokedAt is { } revoked ? $"revoked {revoked:u}" : key.ExpiresAt is { } until ? $"expires {until:u}" : "no expiry";
                    output.WriteLine($"{key.Shown,-18} {Role(key.Role),-9} {state,-28} last used {(key.LastUsedAt is { } used ? used.ToString("u", CultureInfo.InvariantCulture) : "never")}  {key.Name}");
                }
                return 0;
            }
            case "revoke" when args.Length >= 2:
            {
                var id = ApiKeyToken.TryParse(args[1], out var fromToken) ? fromToken : args[1].Replace(ApiKeyToken.Prefix, "").TrimEnd('_', '…');
                if (!ApiKeyToken.IsWellFormedId(id) || await cluster.GetGrain<IApiKeyGrain>(id).Revoke() is not { } view)
                    return Fail(errors, "there is no such key.");
                output.WriteLine($"Revoked {view.Shown} of {view.Account}.");
                return 0;
            }
            default:
                errors.WriteLine(Usage);
                return 2;
        }
    }

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null) options[pending] = "";
                pending = arg[2..];
            }
            else if (pending is not null)
            {
                options[pending] = arg;
                pending = null;
            }
            else throw new FormatException($"unexpected argument '{arg}'.");
        }
        if (pending is not null) options[pending] = "";
        return options;
    }

    private static AccountRole ParseRole(string text) =>
        Enum.TryParse<AccountRole>(text, ignoreCase: true, out var role) && Enum.IsDefined(role)
            ? role
            : throw new FormatException($"unknown role '{text}': use customer, viewer, operator or admin.");

    private static string Role(AccountRole role) => FarmClaims.RoleName(role);

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine($"accounts: {message}");
        return 2;
    }
}
