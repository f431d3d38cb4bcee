namespace PrintFarm.Printers.Registry;

/// <summary>The rules of the registry over its state. Pure: no Orleans.</summary>
public sealed class PrinterRegistry(PrinterRegistryState state)
{
    public PrinterRegistryState State { get; } = state;

    /// <summary>
    /// Adds or (from configuration) updates a printer. Throws <see cref="InvalidPrinterRegistrationException"/>
    /// or <see cref="PrinterRegistrationConflictException"/> and changes nothing when it cannot.
    /// </summary>
    public RegistrationOutcome Register(PrinterRegistration candidate, RegistrationSource source)
    {
        var (valid, errors) = PrinterRegistrationValidator.Validate(candidate);
        if (valid is null)
            throw new InvalidPrinterRegistrationException("Invalid registration: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var id = valid.Id!;

        if (valid.Endpoint() is { } endpoint
            && State.Printers.Values.FirstOrDefault(p => p.Id != id && p.Endpoint() == endpoint) is { } other)
        {
            throw new PrinterRegistrationConflictException(
                $"Printer '{other.Id}' is already registered on {Describe(valid)}; one printer per connection.");
        }

        if (State.Printers.TryGetValue(id, out var existing))
        {
            if (existing.SameAs(valid)) return RegistrationOutcome.Unchanged;
            if (source != RegistrationSource.Configuration)
            {
                throw new PrinterRegistrationConflictException(
                    $"Printer '{id}' is already registered with other settings ({ChangedFields(existing, valid)}).");
            }
            State.Printers[id] = valid;
            State.Sources[id] = source;
            return RegistrationOutcome.Updated;
        }
        State.Printers[id] = valid;
        State.Sources[id] = source;
        return RegistrationOutcome.Created;
    }

    public PrinterRegistration? Get(string id) => State.Printers.GetValueOrDefault(id);

    private static string Describe(PrinterRegistration r) => r.Dialect switch
    {
        PrinterDialect.Bambu => $"Bambu serial '{r.Bambu!.Serial}'",
        PrinterDialect.OctoPrint => $"OctoPrint base topic '{r.OctoPrint!.BaseTopic}'",
        PrinterDialect.Moonraker => $"Moonraker instance '{r.Moonraker!.Instance}'",
        _ => "the same connection",
    };

    /// <summary>Names what differs, never the values of secrets.</summary>
    internal static string ChangedFields(PrinterRegistration a, PrinterRegistration b)
    {
        var fields = new List<string>();
        if (a.Name != b.Name) fields.Add("name");
        if (a.Dialect != b.Dialect) fields.Add("dialect");
        if (a.Model != b.Model) fields.Add("model");
        if (a.Technology != b.Technology) fields.Add("technology");
        if (!(a.Materials ?? []).SequenceEqual(b.Materials ?? [])) fields.Add("materials");
        if (a.Bambu?.Host != b.Bambu?.Host) fields.Add("bambu.host");
        if (a.Bambu?.Serial != b.Bambu?.Serial) fields.Add("bambu.serial");
        if (a.Bambu?.AccessCode != b.Bambu?.AccessCode) fields.Add("bambu.accessCode");
        if (a.Bambu?.Port != b.Bambu?.Port) fields.Add("bambu.port");
        if (a.Bambu?.CaCertificate != b.Bambu?.CaCertificate) fields.Add("bambu.caCertificate");
        if (a.OctoPrint?.BaseTopic != b.OctoPrint?.BaseTopic) fields.Add("octoPrint.baseTopic");
        if (a.Moonraker?.Instance != b.Moonraker?.Instance) fields.Add("moonraker.instance");
        return fields.Count == 0 ? "none" : string.Join(", ", fields);
    }
}
