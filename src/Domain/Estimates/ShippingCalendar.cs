namespace PrintFarm.Estimates;

/// <summary>
/// When a packed parcel leaves and when it arrives.
/// <para>
/// A parcel ships at the carrier's cut-off: one packed at or before the cut-off on a shipping day
/// leaves at that day's cut-off; one packed later, or on a weekend or holiday, leaves at the next
/// shipping day's cut-off. The ship time is the cut-off itself, not the moment packing ends,
/// because that is when the carrier takes it and the customer cannot tell the difference.
/// </para>
/// <para>
/// Delivery is N business days (shipping days that are not holidays) after the shipping day, at
/// <see cref="EstimateOptions.DeliveryTime"/>: a promise of "by the end of that day's round",
/// which a parcel delivered at any hour of that day keeps. Pickup has no cut-off and no transit:
/// the parcel can be collected as soon as it is packed.
/// </para>
/// Times are computed in the farm's time zone, so the cut-off follows daylight saving time, and are
/// returned with that zone's offset.
/// </summary>
public sealed class ShippingCalendar
{
    // A year of days without one shipping day means the calendar is misconfigured, not that the
    // parcel waits a year: fail loudly instead of looping.
    private const int SearchLimitDays = 400;

    private readonly EstimateOptions _options;
    private readonly HashSet<DayOfWeek> _shippingDays;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<string> _eu;
    private readonly Dictionary<string, TransitRule> _transit;

    public ShippingCalendar(EstimateOptions options)
        : this(options, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone))
    {
    }

    public ShippingCalendar(EstimateOptions options, TimeZoneInfo timeZone)
    {
        _options = options;
        TimeZone = timeZone;
        _shippingDays = [.. options.EffectiveShippingDays];
        if (_shippingDays.Count == 0) throw new ArgumentException("Estimates:ShippingDays names no day.", nameof(options));
        _holidays = [.. options.Holidays];
        _eu = new HashSet<string>(options.EffectiveEuCountries, StringComparer.OrdinalIgnoreCase);
        // Copied so that a table bound from configuration (whose dictionaries may have lost their
        // case-insensitive comparer) still matches "Express" and "us".
        _transit = new Dictionary<string, TransitRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var (method, rule) in options.Transit)
        {
            _transit[method] = new TransitRule
            {
                Domestic = rule.Domestic, Eu = rule.Eu, World = rule.World, Pickup = rule.Pickup,
                Countries = new Dictionary<string, int>(rule.Countries, StringComparer.OrdinalIgnoreCase),
            };
        }
        if (!_transit.ContainsKey("standard"))
            throw new ArgumentException("Estimates:Transit has no 'standard' method to fall back on.", nameof(options));
    }

    public TimeZoneInfo TimeZone { get; }

    public bool IsBusinessDay(DateOnly day) => _shippingDays.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    /// <summary>The cut-off at which a parcel packed at <paramref name="packedAt"/> leaves.</summary>
    public DateTimeOffset NextShipment(DateTimeOffset packedAt)
    {
        var local = TimeZoneInfo.ConvertTime(packedAt, TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (IsBusinessDay(day) && TimeOnly.FromDateTime(local.DateTime) <= _options.ShippingCutoff)
            return At(day, _options.ShippingCutoff);
        return At(NextBusinessDay(day), _options.ShippingCutoff);
    }

    /// <summary>The end of the delivery round <paramref name="transitDays"/> business days after the shipping day.</summary>
    public DateTimeOffset DeliveryAfter(DateTimeOffset shippedAt, int transitDays)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(shippedAt, TimeZone).DateTime);
        for (var i = 0; i < transitDays; i++) day = NextBusinessDay(day);
        var delivery = At(day, _options.DeliveryTime);
        // Same-day courier with a late cut-off: it cannot arrive before it left.
        return delivery < shippedAt ? shippedAt : delivery;
    }

    /// <summary>Ship and delivery times for a parcel packed at <paramref name="packedAt"/>.</summary>
    public (DateTimeOffset ShipBy, DateTimeOffset DeliverBy) Plan(DateTimeOffset packedAt, string? method, string? country)
    {
        var rule = RuleFor(method);
        if (rule.Pickup)
        {
            var ready = TimeZoneInfo.ConvertTime(packedAt, TimeZone);
            return (ready, ready);
        }
        var ship = NextShipment(packedAt);
        return (ship, DeliveryAfter(ship, TransitDays(rule, country) + _options.TransitMarginDays));
    }

    public bool IsPickup(string? method) => RuleFor(method).Pickup;

    /// <summary>Business days in transit for <paramref name="method"/> to <paramref name="country"/> (0 for pickup).</summary>
    public int TransitDays(string? method, string? country) => TransitDays(RuleFor(method), country);

    private int TransitDays(TransitRule rule, string? country)
    {
        if (rule.Pickup) return 0;
        // A parcel with no known destination is promised the slowest band, never the fastest.
        if (string.IsNullOrWhiteSpace(country)) return rule.World;
        country = country.Trim();
        if (rule.Countries.TryGetValue(country, out var days)) return days;
        if (string.Equals(country, _options.FarmCountry, StringComparison.OrdinalIgnoreCase)) return rule.Domestic;
        return _eu.Contains(country) ? rule.Eu : rule.World;
    }

    // An unknown method (a carrier option added in the shop but not here) travels as standard.
    private TransitRule RuleFor(string? method)
    {
        if (method is not null && _transit.TryGetValue(method.Trim(), out var rule)) return rule;
        return _transit["standard"];
    }

    private DateOnly NextBusinessDay(DateOnly day)
    {
        for (var i = 0; i < SearchLimitDays; i++)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day)) return day;
        }
        throw new InvalidOperationException($"No shipping day within {SearchLimitDays} days after {day}: check Estimates:ShippingDays and Holidays.");
    }

    private DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        // A cut-off inside a spring-forward gap does not exist; the first valid minute after it does.
        while (TimeZone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
