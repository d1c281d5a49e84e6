<?xml version="1.0"?>
<!-- ocf-man.xsl: an OCF agent's meta-data (resource-agents' ra-api-1) to
     an mdoc page, ocf_PROVIDER_AGENT(7). Parameters: provider, date (the
     page's .Dd), binary (the program the agent runs, for SEE ALSO). The
     line ".\" @extra@" marks where make inserts a page's own sections. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:param name="provider" select="'heat-ha'"/>
<xsl:param name="date" select="'January 1, 2026'"/>
<xsl:param name="binary" select="/resource-agent/@name"/>

<!-- text for roff: one sentence per line (split after ". "), backslashes
     escaped, a line's leading dot or quote protected -->
<xsl:template name="text">
  <xsl:param name="s" select="normalize-space(.)"/>
  <xsl:choose>
    <xsl:when test="contains($s, '. ')">
      <xsl:call-template name="line">
        <xsl:with-param name="s" select="concat(substring-before($s, '. '), '.')"/>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <xsl:call-template name="text">
        <xsl:with-param name="s" select="substring-after($s, '. ')"/>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise>
      <xsl:call-template name="line"><xsl:with-param name="s" select="$s"/></xsl:call-template>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="line">
  <xsl:param name="s"/>
  <xsl:variable name="e">
    <xsl:call-template name="replace">
      <xsl:with-param name="s" select="$s"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:if test="starts-with($e, '.') or starts-with($e, &quot;'&quot;)">\&amp;</xsl:if>
  <xsl:value-of select="$e"/>
</xsl:template>

<xsl:template name="replace">
  <xsl:param name="s"/>
  <xsl:choose>
    <xsl:when test="contains($s, '\')">
      <xsl:value-of select="substring-before($s, '\')"/>
      <xsl:text>\e</xsl:text>
      <xsl:call-template name="replace">
        <xsl:with-param name="s" select="substring-after($s, '\')"/>
      </xsl:call-template>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="/resource-agent">
  <xsl:variable name="agent" select="concat('ocf:', $provider, ':', @name)"/>
  <xsl:text>.\" Generated from the agent's meta-data by ocf/ocf-man.xsl: edit the agent.&#10;</xsl:text>
  <xsl:text>.Dd </xsl:text><xsl:value-of select="$date"/><xsl:text>&#10;</xsl:text>
  <xsl:text>.Dt OCF_</xsl:text>
  <xsl:value-of select="translate(concat($provider, '_', @name), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
  <xsl:text> 7&#10;.Os heat-ha&#10;.Sh NAME&#10;.Nm ocf_</xsl:text>
  <xsl:value-of select="concat($provider, '_', @name)"/>
  <xsl:text>&#10;.Nd </xsl:text>
  <xsl:call-template name="text"><xsl:with-param name="s" select="normalize-space(shortdesc)"/></xsl:call-template>
  <xsl:text>&#10;.Sh SYNOPSIS&#10;.Nm pcs resource create&#10;.Ar id&#10;.Cm </xsl:text>
  <xsl:value-of select="$agent"/>
  <xsl:text>&#10;.Op Ar parameter Ns = Ns Ar value ...&#10;</xsl:text>
  <xsl:choose>
    <xsl:when test="actions/action[@name='promote']">.Cm promotable&#10;</xsl:when>
    <xsl:otherwise>.Cm clone&#10;</xsl:otherwise>
  </xsl:choose>
  <xsl:text>.Sh DESCRIPTION&#10;.Cm </xsl:text>
  <xsl:value-of select="$agent"/>
  <xsl:text>&#10;is an OCF resource agent for Pacemaker.&#10;</xsl:text>
  <xsl:call-template name="text"><xsl:with-param name="s" select="normalize-space(longdesc)"/></xsl:call-template>
  <xsl:text>&#10;.Sh PARAMETERS&#10;.Bl -tag -width Ds&#10;</xsl:text>
  <xsl:for-each select="parameters/parameter">
    <xsl:text>.It Cm </xsl:text><xsl:value-of select="@name"/>
    <xsl:text> Ns = Ns Ar </xsl:text><xsl:value-of select="content/@type"/>
    <xsl:text>&#10;</xsl:text>
    <xsl:call-template name="text"><xsl:with-param name="s" select="normalize-space(longdesc)"/></xsl:call-template>
    <xsl:text>&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="string(content/@default) = ''">Default: empty.&#10;</xsl:when>
      <xsl:otherwise>
        <xsl:text>Default:&#10;.Ql </xsl:text>
        <xsl:call-template name="line"><xsl:with-param name="s" select="string(content/@default)"/></xsl:call-template>
        <xsl:text>&#10;</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@unique = '1'">
      <xsl:text>Unique: two resources on one node need different values.&#10;</xsl:text>
    </xsl:if>
  </xsl:for-each>
  <xsl:text>.El&#10;.Sh ACTIONS&#10;.Bl -tag -width validate-all&#10;</xsl:text>
  <xsl:for-each select="actions/action">
    <xsl:text>.It Cm </xsl:text><xsl:value-of select="@name"/>
    <xsl:text>&#10;default timeout </xsl:text><xsl:value-of select="@timeout"/>
    <xsl:if test="@interval">
      <xsl:text>, interval </xsl:text><xsl:value-of select="@interval"/>
    </xsl:if>
    <xsl:if test="@role">
      <xsl:text>, role </xsl:text><xsl:value-of select="@role"/>
    </xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:for-each>
  <xsl:text>.El&#10;.\" @extra@&#10;.Sh SEE ALSO&#10;.Xr heat.conf 5 ,&#10;.Xr crm_resource 8 ,&#10;.Xr </xsl:text>
  <xsl:value-of select="$binary"/>
  <xsl:text> 8 ,&#10;.Xr heat-ha-agent 8 ,&#10;.Xr pcs 8&#10;</xsl:text>
</xsl:template>
</xsl:stylesheet>
