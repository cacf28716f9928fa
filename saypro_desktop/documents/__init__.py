"""ReportLab builders: packets, letters, sign-in sheets, reports. Data in, PDF out."""
