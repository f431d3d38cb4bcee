using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace PrintFarm.Printers.Access;

/// <summary>
/// A thin shell over <see cref="PrinterCredentialBook"/>: stores each change before answering,
/// then tells the watching brokers, which drop a session whose password no longer holds.
/// </summary>
public sealed partial class PrinterCredentialsGrain : Grain, IPrinterCredentialsGrain
{
    /// <summary>Brokers watch again every 30 s; one that stopped is forgotten after this.</summary>
    private static readonly TimeSpan WatchLapse = TimeSpan.FromMinutes(2);

    private readonly IPersistentState<PrinterCredentialBookState> _state;
    private readonly TimeProvider _clock;
    private readonly ILogger<PrinterCredentialsGrain> _logger;
    private readonly ObserverManager<IPrinterCredentialsObserver> _watchers;

    public PrinterCredentialsGrain(
        [PersistentState("printerCredentials", FarmStorage.Name)] IPersistentState<PrinterCredentialBookState> state,
        TimeProvider clock,
        ILogger<PrinterCredentialsGrain> logger)
    {
        _state = state;
        _clock = clock;
        _logger = logger;
        _watchers = new ObserverManager<IPrinterCredentialsObserver>(WatchLapse, logger);
    }

    private PrinterCredentialBook Book => new(_state.State);

    public async Task<IssuedPrinterCredentials> Issue(string printerId)
    {
        if (BrokerAccess.WhyNoCredentials(printerId, farmUsername: null) is { } why) throw new InvalidPrinterCredentialsException(why);
        var password = PrinterPassword.New();
        var change = await Change(book => book.Issue(printerId, MosquittoPasswordHash.Create(password), _clock.GetUtcNow()));
        Changed(printerId, change);
        return new IssuedPrinterCredentials { PrinterId = printerId, Username = printerId, Password = password, Rotated = change == CredentialChange.Rotated };
    }

    public async Task<bool> Revoke(string printerId)
    {
        var change = await Change(book => book.Revoke(printerId, _clock.GetUtcNow()));
        Changed(printerId, change);
        return change == CredentialChange.Revoked;
    }

    public async Task<int> Seed(List<SeededPrinterCredential> seeds)
    {
        var changes = new List<(string, CredentialChange)>();
        var before = Copy(_state.State);
        try
        {
            foreach (var seed in seeds)
            {
                if (BrokerAccess.WhyNoCredentials(seed.PrinterId, farmUsername: null) is { } why) throw new InvalidPrinterCredentialsException($"Seed for '{seed.PrinterId}': {why}");
                changes.Add((seed.PrinterId, Book.Seed(seed.PrinterId, seed.Hash, seed.SamePassword, _clock.GetUtcNow())));
            }
            if (changes.Any(c => c.Item2 is CredentialChange.Issued or CredentialChange.Rotated)) await _state.WriteStateAsync();
        }
        catch
        {
            _state.State = before; // memory never holds what storage does not
            throw;
        }
        foreach (var (id, change) in changes) Changed(id, change);
        return changes.Count(c => c.Item2 is CredentialChange.Issued or CredentialChange.Rotated);
    }

    public Task<string?> HashOf(string printerId) => Task.FromResult(Book.HashOf(printerId));

    public Task<bool> Knows(string printerId) => Task.FromResult(Book.Knows(printerId));

    public Task<BrokerAccounts> Accounts() => Task.FromResult(new BrokerAccounts
    {
        Version = _state.State.Version,
        Printers = Book.Active().Select(a => new BrokerAccount { PrinterId = a.PrinterId, Hash = a.Hash }).ToList(),
    });

    public Task<PrinterCredentialsView?> Get(string printerId) => Task.FromResult(
        _state.State.Printers.TryGetValue(printerId, out var c)
            ? new PrinterCredentialsView { PrinterId = printerId, IssuedAt = c.IssuedAt, RevokedAt = c.RevokedAt }
            : null);

    public Task RegistrationChanged(string printerId)
    {
        var version = _state.State.Version;
        _watchers.Notify(w => w.CredentialsChanged(printerId, version));
        return Task.CompletedTask;
    }

    public Task Watch(IPrinterCredentialsObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    private async Task<CredentialChange> Change(Func<PrinterCredentialBook, CredentialChange> change)
    {
        var before = Copy(_state.State);
        try
        {
            var outcome = change(Book);
            if (outcome != CredentialChange.Unchanged) await _state.WriteStateAsync();
            return outcome;
        }
        catch
        {
            _state.State = before;
            throw;
        }
    }

    private void Changed(string printerId, CredentialChange change)
    {
        if (change is CredentialChange.Unchanged or CredentialChange.KeptRevoked) return;
        LogChanged(printerId, change);
        var version = _state.State.Version;
        _watchers.Notify(w => w.CredentialsChanged(printerId, version));
    }

    private static PrinterCredentialBookState Copy(PrinterCredentialBookState s) => new()
    {
        Version = s.Version,
        Printers = s.Printers.ToDictionary(p => p.Key, p => new PrinterCredential { Hash = p.Value.Hash, IssuedAt = p.Value.IssuedAt, RevokedAt = p.Value.RevokedAt }),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT credentials of printer {PrinterId}: {Change}")]
    private partial void LogChanged(string printerId, CredentialChange change);
}
