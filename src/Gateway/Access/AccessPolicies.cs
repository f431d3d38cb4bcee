namespace PrintFarm.Gateway.Access;

/// <summary>
/// The farm's authorization policies, by what they let a caller do. Every endpoint names one
/// (or allows anonymous callers explicitly); the access-matrix test fails for an endpoint that
/// does neither, and the fallback policy asks for a key anyway.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Any valid key: read orders (a customer only its own, see <see cref="OrderAccess"/>).</summary>
    public const string Reading = "reading";
    /// <summary>Customers, operators and admins: place orders and cancel them (a customer only its own).</summary>
    public const string Ordering = "ordering";
    /// <summary>Viewers, operators and admins: every operator view, read-only.</summary>
    public const string Viewer = "viewer";
    /// <summary>Operators and admins: steer the farm (an operator key limited to printers steers only those).</summary>
    public const string Operator = "operator";
    /// <summary>Admins: accounts, keys and printer registrations.</summary>
    public const string Admin = "admin";
    /// <summary>The pages of a signed-in person (cookie sign-in).</summary>
    public const string SignedIn = "signed-in";
    /// <summary>Resource check on one order: staff see every order, a customer only its own (anyone else gets 404).</summary>
    public const string OrderAccess = "order-access";
    /// <summary>Resource check on one design: staff see every design, a customer only its own (anyone else gets 404).</summary>
    public const string DesignAccess = "design-access";
}
