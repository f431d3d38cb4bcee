using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrintFarm.Accounts;

/// <summary>A thin shell over <see cref="Account"/>: stores it, and counts sign-ins against it.</summary>
public sealed partial class AccountGrain(
    [PersistentState("account", FarmStorage.Name)] IPersistentState<AccountState> state,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private Account Account => new(state.State);
    private string Login => this.GetPrimaryKeyString();

    public async Task<AccountView> Create(AccountSpec spec)
    {
        if (AccountNames.Normalize(spec.Login) != Login) throw new InvalidAccountException("The account grain's key is its login.");
        if (Account.Exists)
        {
            if (Account.IsSameAs(spec)) return Account.View();
            throw new AccountExistsException(Login);
        }
        state.State = Account.Create(spec, clock.GetUtcNow(), options.Value);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccountsGrain>(IAccountsGrain.Key).Add(Login);
        LogCreated(Login, spec.Role);
        return Account.View();
    }

    public Task<AccountView?> View() => Task.FromResult(Account.Exists ? Account.View() : null);

    public async Task<SignInOutcome> SignIn(string password)
    {
        if (!Account.Exists) return SignInOutcome.Refused;
        var before = (state.State.PasswordHash, state.State.FailedSignIns, state.State.LockedUntil);
        var outcome = Account.SignIn(password, clock.GetUtcNow(), options.Value);
        if ((state.State.PasswordHash, state.State.FailedSignIns, state.State.LockedUntil) != before) await state.WriteStateAsync();
        if (outcome.LockedUntil is { } until) LogLocked(Login, until);
        return outcome;
    }

    public async Task KeyIssued(string keyId)
    {
        if (state.State.Keys.Contains(keyId)) return;
        Account.KeyIssued(keyId);
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {Login} created as {Role}")]
    private partial void LogCreated(string login, AccountRole role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Login} locked until {Until} after too many wrong passwords")]
    private partial void LogLocked(string login, DateTimeOffset until);
}
