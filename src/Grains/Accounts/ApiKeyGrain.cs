using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrintFarm.Accounts;

/// <summary>
/// A thin shell over <see cref="ApiKey"/>. Its last use is kept in memory and stored at most
/// every <see cref="AccountOptions.LastUseStoredEvery"/>, so a busy key does not write on every
/// request; a revocation is stored before it answers.
/// </summary>
public sealed partial class ApiKeyGrain(
    [PersistentState(ApiKeyGrain.StateName, FarmStorage.Name)] IPersistentState<ApiKeyState> state,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    /// <summary>Also read by <see cref="KeyCheckGrain"/>, which must find the same record.</summary>
    public const string StateName = "apikey";

    private ApiKey Key => new(state.State);
    private DateTimeOffset? _lastUseStored;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastUseStored = state.State.LastUsedAt;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (Key.Exists && state.State.LastUsedAt != _lastUseStored) await TryStore();
    }

    public async Task<ApiKeyView> Issue(ApiKeyIssue issue)
    {
        if (Key.Exists)
        {
            if (Key.IsSameAs(issue)) return Key.View();
            throw new InvalidAccountException("This key id is taken; issue the key again with a new token.");
        }
        state.State = ApiKey.Issue(this.GetPrimaryKeyString(), issue, clock.GetUtcNow());
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccountGrain>(state.State.Account).KeyIssued(state.State.Id);
        LogIssued(ApiKeyToken.Display(state.State.Id), state.State.Account, state.State.Role);
        return Key.View();
    }

    public async Task<Caller?> Authenticate(string hash)
    {
        if (!Key.Exists)
        {
            // A made-up key id: no activation stays in memory for it.
            DeactivateOnIdle();
            return null;
        }
        var now = clock.GetUtcNow();
        var caller = Key.Authenticate(hash, now);
        if (caller is not null && (_lastUseStored is not { } stored || now - stored >= options.Value.LastUseStoredEvery)) await TryStore();
        return caller;
    }

    public async Task<ApiKeyView?> Revoke()
    {
        if (!Key.Exists) return null;
        if (!Key.IsRevoked)
        {
            Key.Revoke(clock.GetUtcNow());
            await state.WriteStateAsync();
            LogRevoked(ApiKeyToken.Display(state.State.Id), state.State.Account);
        }
        return Key.View();
    }

    public Task<ApiKeyView?> View() => Task.FromResult(Key.Exists ? Key.View() : null);

    /// <summary>A lost last-use time costs nothing but its accuracy: it must never fail a request.</summary>
    private async Task TryStore()
    {
        try
        {
            await state.WriteStateAsync();
            _lastUseStored = state.State.LastUsedAt;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLastUseNotStored(ApiKeyToken.Display(state.State.Id), e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key {Key} issued to {Account} as {Role}")]
    private partial void LogIssued(string key, string account, AccountRole role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key {Key} of {Account} revoked")]
    private partial void LogRevoked(string key, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last use of key {Key} could not be stored: {Error}")]
    private partial void LogLastUseNotStored(string key, string error);
}
