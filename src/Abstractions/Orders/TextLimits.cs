namespace PrintFarm.Orders;

/// <summary>
/// The longest text the farm keeps in each field. Everything a client sends is stored with the
/// order and sent again in every view and stream event, so none of it may grow without bound.
/// Generous for a person, far below what a script would send.
/// </summary>
public static class TextLimits
{
    public const int Name = 200;
    /// <summary>RFC 5321's longest forward path.</summary>
    public const int Email = 254;
    public const int AddressLine = 200;
    public const int PostalCode = 20;
    /// <summary>A design (model or plate file name).</summary>
    public const int Design = 255;
    public const int Material = 64;
    public const int Technology = 16;
    public const int ShippingMethod = 32;
    /// <summary>An operator's message to the customer, a QC reason.</summary>
    public const int Message = 2000;
    public const int Carrier = 100;
    public const int TrackingNumber = 100;
    public const int Url = 2000;

    /// <summary>The problem text for a field over its limit; null when it fits.</summary>
    public static string? TooLong(string? value, int max, string what) =>
        value is not null && value.Length > max ? $"{what} is at most {max} characters (this one has {value.Length})." : null;
}
