# option registry and heat.conf parser (filled by the conf work)
