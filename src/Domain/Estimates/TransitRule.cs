namespace PrintFarm.Estimates;

/// <summary>
/// Carrier transit for one shipping method, in business days, by where the parcel goes. Countries
/// listed in <see cref="Countries"/> win over the domestic / EU / world bands, because carriers
/// price and time a few lanes (the US, the UK, Switzerland) differently from their band.
/// </summary>
public sealed class TransitRule
{
    public int Domestic { get; set; }
    public int Eu { get; set; }
    public int World { get; set; }

    /// <summary>Nothing travels: the customer collects the parcel once it is packed.</summary>
    public bool Pickup { get; set; }

    /// <summary>ISO 3166 alpha-2 code to business days.</summary>
    public Dictionary<string, int> Countries { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
