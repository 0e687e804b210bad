-- Makes the attached warehouse the default catalog of this connection or cursor.
use warehouse
