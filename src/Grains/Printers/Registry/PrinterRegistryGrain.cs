using Microsoft.Extensions.Logging;
using PrintFarm.Printers.Links;

namespace PrintFarm.Printers.Registry;

/// <summary>A thin shell over <see cref="PrinterRegistry"/>: stores each change before answering, then wakes the printer's link.</summary>
public sealed partial class PrinterRegistryGrain(
    [PersistentState("registry", FarmStorage.Name)] IPersistentState<PrinterRegistryState> state,
    ILogger<PrinterRegistryGrain> logger) : Grain, IPrinterRegistryGrain
{

    private PrinterRegistry Registry => new(state.State);

    public async Task<RegistrationOutcome> Register(PrinterRegistration registration, RegistrationSource source)
    {
        var before = Snapshot();
        RegistrationOutcome outcome;
        try
        {
            outcome = Registry.Register(registration, source);
            if (outcome != RegistrationOutcome.Unchanged) await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not (PrinterRegistrationConflictException or InvalidPrinterRegistrationException))
        {
            // Not stored: put the state back so memory never holds what storage does not.
            state.State.Printers = before.Printers;
            state.State.Sources = before.Sources;
            throw;
        }
        var id = registration.Id!.Trim();
        if (outcome != RegistrationOutcome.Unchanged)
        {
            var stored = state.State.Printers[id];
            LogRegistered(id, stored.Dialect ?? PrinterDialect.Native, outcome, source);
            // What the printer may publish on the farm's broker follows its dialect and topics.
            GrainFactory.GetGrain<PrintFarm.Printers.Access.IPrinterCredentialsGrain>(PrintFarm.Printers.Access.IPrinterCredentialsGrain.Key).RegistrationChanged(id).Ignore();
        }
        if (state.State.Printers[id].Dialect is not PrinterDialect.Native)
        {
            GrainFactory.GetGrain<IPrinterLinkGrain>(id).Ensure().Ignore();
        }
        return outcome;
    }

    public Task<PrinterRegistration?> GetForLink(string printerId) => Task.FromResult(Registry.Get(printerId));

    public Task<PrinterRegistrationView?> Get(string printerId) =>
        Task.FromResult(Registry.Get(printerId) is { } r ? PrinterRegistrationView.From(r, SourceOf(printerId)) : null);

    public Task<List<PrinterRegistrationView>> List() =>
        Task.FromResult(state.State.Printers.Values.OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => PrinterRegistrationView.From(p, SourceOf(p.Id!))).ToList());

    public Task<PrinterDialect> DialectOf(string printerId) =>
        Task.FromResult(Registry.Get(printerId)?.Dialect ?? PrinterDialect.Native);

    public Task<int> EnsureLinks()
    {
        var count = 0;
        foreach (var printer in state.State.Printers.Values)
        {
            if (printer.Dialect is PrinterDialect.Native) continue;
            GrainFactory.GetGrain<IPrinterLinkGrain>(printer.Id!).Ensure().Ignore();
            count++;
        }
        return Task.FromResult(count);
    }

    private RegistrationSource SourceOf(string id) => state.State.Sources.GetValueOrDefault(id, RegistrationSource.Api);

    private PrinterRegistryState Snapshot() => new()
    {
        Printers = new Dictionary<string, PrinterRegistration>(state.State.Printers),
        Sources = new Dictionary<string, RegistrationSource>(state.State.Sources),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId} ({Dialect}) registration {Outcome} from {Source}")]
    private partial void LogRegistered(string printerId, PrinterDialect dialect, RegistrationOutcome outcome, RegistrationSource source);
}
