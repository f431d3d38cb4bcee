namespace PrintFarm.Accounts;

/// <summary>
/// What an account, or one of its keys, may do. Numbered explicitly: stored in grain state.
/// </summary>
public enum AccountRole
{
    /// <summary>Places orders and sees and acts on its own orders only.</summary>
    Customer = 0,
    /// <summary>Reads every operator view (printers, jobs, queue, farm, every order) and changes nothing.</summary>
    Viewer = 1,
    /// <summary>Steers the farm: order moves, shipments, quality checks, maintenance windows; reads what a viewer reads.</summary>
    Operator = 2,
    /// <summary>Manages accounts, keys and printer registrations; may do all an operator may.</summary>
    Admin = 3,
}
