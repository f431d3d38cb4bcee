using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Accounts;

namespace PrintFarm.Silo.Accounts;

/// <summary>
/// Makes sure of the accounts in <c>Accounts:SeedFile</c> when the silo starts, before it is
/// reported up: a farm started with the file can be used with its keys at once. When the file
/// does not exist it creates new demo accounts and writes it (the first <c>./farm demo</c>).
/// Applying it again changes nothing. Never logs a key or a password.
/// </summary>
public sealed partial class AccountSeeder(IGrainFactory grains, IOptions<AccountOptions> options, TimeProvider clock, ILogger<AccountSeeder> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        if (options.Value.SeedFile is not { Length: > 0 }) return;
        lifecycle.Subscribe(nameof(AccountSeeder), ServiceLifecycleStage.Active, Seed);
    }

    /// <summary>
    /// Seeding is idempotent, so a cluster that changes under it (a silo dying while this one
    /// joins) only delays it: the grains are asked again, a little later each time, until the
    /// silo's start gives up. Before, one refused message failed the start of a healthy silo.
    /// </summary>
    private async Task Seed(CancellationToken cancellationToken)
    {
        var retry = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), clock).Pipeline(
            onRetry: args =>
            {
                LogNotYet(args.RetryDelay, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
            retryOn: e => e is OrleansException or TimeoutException);
        await retry.ExecuteAsync(async _ => await SeedOnce(), cancellationToken);
    }

    private async Task SeedOnce()
    {
        var path = options.Value.SeedFile!;
        var created = !File.Exists(path);
        var file = created ? SeedAccountsFile.Generate() : SeedAccountsFile.Read(path);
        foreach (var (account, role) in file.All())
        {
            var login = AccountNames.Normalize(account.Login);
            await grains.GetGrain<IAccountGrain>(login).Create(new AccountSpec { Login = login, Role = role, Name = account.Login, Password = account.Password, Email = account.Email });
            if (!ApiKeyToken.TryParse(account.Key, out var id)) throw new InvalidDataException($"The key of {login} in {path} is not a PrintFarm key.");
            await grains.GetGrain<IApiKeyGrain>(id).Issue(new ApiKeyIssue { Account = login, Role = role, Hash = ApiKeyToken.Hash(account.Key), Name = "seeded" });
        }
        if (created) file.Write(path);
        LogSeeded(created ? "created" : "checked", path, file.All().Count());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accounts not seeded yet (the cluster did not answer); trying again in {RetryAfter}: {Error}")]
    private partial void LogNotYet(TimeSpan retryAfter, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accounts {What} from {Path}: {Count} accounts, one key each")]
    private partial void LogSeeded(string what, string path, int count);
}
